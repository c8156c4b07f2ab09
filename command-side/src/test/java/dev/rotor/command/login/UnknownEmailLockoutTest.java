package dev.rotor.command.login;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotor.command.account.LoginPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Unknown emails follow the account lockout rules: the same count, the same duration. */
class UnknownEmailLockoutTest {

    private static final Instant T0 = Instant.parse("2026-05-01T08:00:00Z");

    private Instant now = T0;
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final UnknownEmailLockout lockout = new UnknownEmailLockout(new LoginPolicy(3, Duration.ofMinutes(15)),
            clock);

    @Test
    void locksOnTheMaximumFailureForTheLockoutDurationThenCountsAfresh() {
        lockout.recordFailure("x@example.com");
        lockout.recordFailure("x@example.com");
        assertThat(lockout.retryAfterSeconds("x@example.com")).isZero();

        lockout.recordFailure("x@example.com");
        assertThat(lockout.retryAfterSeconds("x@example.com")).isEqualTo(900);
        assertThat(lockout.retryAfterSeconds("y@example.com")).as("other emails unaffected").isZero();

        now = T0.plus(Duration.ofMinutes(10));
        assertThat(lockout.retryAfterSeconds("x@example.com")).isEqualTo(300);

        now = T0.plus(Duration.ofMinutes(15));
        assertThat(lockout.retryAfterSeconds("x@example.com")).isZero();
        lockout.recordFailure("x@example.com");
        assertThat(lockout.retryAfterSeconds("x@example.com")).as("one failure after the lockout").isZero();
    }
}
