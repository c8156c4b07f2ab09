package dev.rotor.command.login;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.rotor.command.account.LoginPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Unknown emails lock out exactly like accounts do (same count, same duration), so that a 429 after
 * a run of failures says nothing about whether the email exists. Kept in memory: there is no
 * aggregate to remember failures for an email nobody registered. Bounded, and per node.
 */
@Component
public class UnknownEmailLockout {

    private record Attempts(int failures, Instant lockedUntil) {
    }

    private final LoginPolicy policy;
    private final Clock clock;
    private final Cache<String, Attempts> attempts;

    @Autowired
    public UnknownEmailLockout(LoginPolicy policy) {
        this(policy, Clock.systemUTC());
    }

    UnknownEmailLockout(LoginPolicy policy, Clock clock) {
        this.policy = policy;
        this.clock = clock;
        this.attempts = Caffeine.newBuilder()
                .maximumSize(100_000)
                .expireAfterWrite(policy.lockoutDuration().plus(Duration.ofHours(1)))
                .build();
    }

    /** Seconds until a locked unknown email may try again, or 0 when it is not locked. */
    public long retryAfterSeconds(String normalizedEmail) {
        Attempts current = attempts.getIfPresent(normalizedEmail);
        Instant now = clock.instant();
        if (current == null || current.lockedUntil() == null || !now.isBefore(current.lockedUntil())) {
            return 0;
        }
        return Math.max(1, (Duration.between(now, current.lockedUntil()).toMillis() + 999) / 1000);
    }

    /** Counts a failed attempt; the attempt that reaches the maximum starts the lockout. */
    public void recordFailure(String normalizedEmail) {
        Instant now = clock.instant();
        attempts.asMap().compute(normalizedEmail, (email, current) -> {
            int failures = (current == null || current.lockedUntil() != null ? 0 : current.failures()) + 1;
            return failures >= policy.maxFailures()
                    ? new Attempts(failures, now.plus(policy.lockoutDuration()))
                    : new Attempts(failures, null);
        });
    }
}
