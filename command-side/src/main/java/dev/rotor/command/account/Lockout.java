package dev.rotor.command.account;

import java.time.Duration;
import java.time.Instant;

/**
 * Where an email stands with failed attempts: consecutive failures, the lock in force, and how
 * many locks there were since the last success. The one lockout rule, shared by accounts and by
 * emails without an account, so that neither the answers nor their sequence tell them apart.
 */
public record Lockout(int failures, Instant lockedUntil, int locks) {

    public static final Lockout NONE = new Lockout(0, null, 0);

    public boolean lockedAt(Instant now) {
        return lockedUntil != null && now.isBefore(lockedUntil);
    }

    /** Whole seconds until the lock ends, rounded up: a client that waits this long gets in. */
    public long retryAfterSeconds(Instant now) {
        long millis = Duration.between(now, lockedUntil).toMillis();
        return Math.max(1, (millis + 999) / 1000);
    }

    /** The count a failure now would record. */
    public int nextFailures() {
        return failures + 1;
    }

    /** When a failure that brings the count to {@code failures} locks, until when; {@code null} when it does not. */
    public Instant lockAfter(int failures, LoginPolicy policy, Instant now) {
        return failures >= policy.maxFailures() ? now.plus(policy.lockoutFor(locks)) : null;
    }

    public Lockout failed(int failures) {
        return new Lockout(failures, lockedUntil, locks);
    }

    public Lockout locked(Instant until) {
        return new Lockout(failures, until, locks + 1);
    }
}
