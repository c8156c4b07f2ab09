package dev.rotor.app.config;

import dev.rotor.query.QuerySideConfiguration;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/** Roles by profile: {@code command} and {@code query}, both on unless a profile list says otherwise. */
public final class RoleConfiguration {

    private RoleConfiguration() {
    }

    /**
     * Command handling, and every read model (both sides'): rows change in the transaction that
     * appends the event, so they are written where events are appended. Token validation comes
     * with the query side's read models, for the bearer filter of the command endpoints.
     */
    @Configuration(proxyBeanMethods = false)
    @Profile("command")
    @ComponentScan("dev.rotor.command")
    @Import(QuerySideConfiguration.class)
    public static class CommandRole {
    }

    @Configuration(proxyBeanMethods = false)
    @Profile("query")
    @ComponentScan("dev.rotor.query")
    public static class QueryRole {
    }
}
