package dev.rotor.kernel.account;

import java.util.List;

/**
 * What the account decided about a password attempt. A failure is an answer, not an exception, so
 * that the {@link LoginFailedEvent} it recorded is committed.
 */
public record AuthenticationResult(
        Outcome outcome,
        String userId,
        String email,
        List<String> roles,
        long userVersion,
        long retryAfterSeconds) {

    public enum Outcome {
        SUCCEEDED,
        FAILED,
        LOCKED_OUT,
        /** The password was right and the user has MFA: a second-factor challenge was issued. */
        MFA_REQUIRED,
        /** The second-factor challenge is unknown, used or expired: no code was checked. */
        CHALLENGE_INVALID
    }

    public static AuthenticationResult failed(String userId) {
        return new AuthenticationResult(Outcome.FAILED, userId, null, List.of(), 0, 0);
    }

    public static AuthenticationResult mfaRequired(String userId) {
        return new AuthenticationResult(Outcome.MFA_REQUIRED, userId, null, List.of(), 0, 0);
    }

    public static AuthenticationResult challengeInvalid(String userId) {
        return new AuthenticationResult(Outcome.CHALLENGE_INVALID, userId, null, List.of(), 0, 0);
    }

    public static AuthenticationResult lockedOut(String userId, long retryAfterSeconds) {
        return new AuthenticationResult(Outcome.LOCKED_OUT, userId, null, List.of(), 0, retryAfterSeconds);
    }
}
