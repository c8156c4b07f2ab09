package dev.rotor.command.session;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Session lifetimes. {@code idleTimeout} slides on every refresh, never past {@code absoluteLifetime}
 * from login. {@code reuseLeeway}: how long after a rotation the parent token may still be presented
 * (a racing tab, a lost response) and get the current token back instead of counting as reuse.
 */
@Validated
@ConfigurationProperties("rotor.session")
public record SessionPolicy(
        @DefaultValue("30d") Duration idleTimeout,
        @DefaultValue("90d") Duration absoluteLifetime,
        @DefaultValue("10s") Duration reuseLeeway) {

    public SessionPolicy {
        if (idleTimeout.isNegative() || idleTimeout.isZero() || absoluteLifetime.isNegative()
                || absoluteLifetime.isZero() || reuseLeeway.isNegative()) {
            throw new IllegalArgumentException("rotor.session durations must be positive");
        }
    }
}
