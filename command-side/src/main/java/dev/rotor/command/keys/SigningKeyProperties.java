package dev.rotor.command.keys;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Scheduled signing-key rotation: {@code rotation} ({@code ROTOR_SIGNING_KEY_ROTATION}) is the age
 * at which the active key is replaced, empty (the default) for never; every {@code checkInterval}
 * each node looks whether a rotation or a retirement is due.
 */
@Validated
@ConfigurationProperties("rotor.keys")
public record SigningKeyProperties(Duration rotation, @DefaultValue("60s") Duration checkInterval) {

    public SigningKeyProperties {
        if (rotation != null && (rotation.isZero() || rotation.isNegative())) {
            rotation = null;
        }
        if (rotation != null && rotation.toSeconds() < 1) {
            throw new IllegalArgumentException("rotor.keys.rotation must be at least 1s, or empty for no scheduled rotation");
        }
        if (checkInterval.toMillis() < 100) {
            throw new IllegalArgumentException("rotor.keys.check-interval must be at least 100ms");
        }
    }
}
