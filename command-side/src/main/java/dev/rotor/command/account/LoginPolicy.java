package dev.rotor.command.account;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Lockout: after {@code maxFailures} consecutive failed password attempts the account refuses
 * password logins for {@code lockoutDuration}.
 */
@Validated
@ConfigurationProperties("rotor.login")
public record LoginPolicy(
        @DefaultValue("5") @Min(1) @Max(1000) int maxFailures,
        @DefaultValue("15m") Duration lockoutDuration) {
}
