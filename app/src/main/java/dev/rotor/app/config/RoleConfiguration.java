package dev.rotor.app.config;

import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/** Roles by profile: {@code command} and {@code query}, both on unless a profile list says otherwise. */
public final class RoleConfiguration {

    private RoleConfiguration() {
    }

    @Configuration(proxyBeanMethods = false)
    @Profile("command")
    @ComponentScan("dev.rotor.command")
    public static class CommandRole {
    }

    @Configuration(proxyBeanMethods = false)
    @Profile("query")
    @ComponentScan("dev.rotor.query")
    public static class QueryRole {
    }
}
