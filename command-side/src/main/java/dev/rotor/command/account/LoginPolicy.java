package dev.rotor.command.account;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Lockout: after {@code maxFailures} consecutive failed attempts (passwords or second-factor
 * codes) an email is locked for {@code lockoutDuration}; every further failure after a lock locks
 * it again for twice as long as the lock before, up to {@code maxLockoutDuration}. A success, or an
 * admin's unlock, starts again from zero.
 */
@Validated
@ConfigurationProperties("rotor.login")
public record LoginPolicy(
        @DefaultValue("5") @Min(1) @Max(1000) int maxFailures,
        @DefaultValue("30s") Duration lockoutDuration,
        @DefaultValue("15m") Duration maxLockoutDuration) {

    /** How long the next lock lasts, after {@code previousLocks} locks since the last success. */
    public Duration lockoutFor(int previousLocks) {
        Duration duration = lockoutDuration;
        for (int i = 0; i < previousLocks && duration.compareTo(maxLockoutDuration) < 0; i++) {
            duration = duration.multipliedBy(2);
        }
        return duration.compareTo(maxLockoutDuration) > 0 ? maxLockoutDuration : duration;
    }
}
