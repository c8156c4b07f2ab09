package dev.rotor.command.token;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** Default grace of a global rotation when the request does not give {@code grace_period_seconds}. */
@Validated
@ConfigurationProperties("rotor.rotation")
public record RotationProperties(@DefaultValue("300s") Duration defaultGracePeriod) {

    public RotationProperties {
        if (defaultGracePeriod.isNegative() || defaultGracePeriod.toSeconds() > TokenPolicy.MAX_GRACE_SECONDS) {
            throw new IllegalArgumentException("rotor.rotation.default-grace-period must be 0..86400 s");
        }
    }
}
