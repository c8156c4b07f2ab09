package dev.rotor.kernel.session;

import java.time.Instant;
import java.util.List;

/**
 * What the session decided about a refresh. Rejections are answers, not exceptions, so that the
 * events they record (reuse detected, session revoked) are committed.
 */
public record RefreshResult(
        Outcome outcome,
        String sessionId,
        String userId,
        String email,
        List<String> roles,
        List<String> amr,
        long userVersion,
        Instant idleExpiresAt) {

    public enum Outcome {
        /** The presented token was current: a new one was minted. */
        ROTATED,
        /** The presented token is the current one's parent, within the reuse leeway: the current one is handed out again. */
        REPLAYED_WITHIN_LEEWAY,
        /** Revoked, expired or rotated out by a token version rule. */
        REJECTED,
        /** A rotated-out token came back: the session was revoked. */
        REUSE_DETECTED
    }

    public boolean succeeded() {
        return outcome == Outcome.ROTATED || outcome == Outcome.REPLAYED_WITHIN_LEEWAY;
    }

    public static RefreshResult rejected(String sessionId, Outcome outcome) {
        return new RefreshResult(outcome, sessionId, null, null, List.of(), List.of(), 0, null);
    }
}
