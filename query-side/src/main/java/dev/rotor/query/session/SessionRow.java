package dev.rotor.query.session;

import java.time.Instant;
import java.util.List;

/** One session of the read model: what validation checks and what the session lists show. */
public record SessionRow(
        String sessionId,
        String userId,
        String email,
        List<String> roles,
        List<String> amr,
        long userVersion,
        long globalVersion,
        Instant createdAt,
        Instant lastRefreshedAt,
        Instant idleExpiresAt,
        Instant absoluteExpiresAt,
        String userAgent,
        String ip,
        Instant revokedAt,
        String revocationReason) {

    /** Active: not revoked and neither idle nor absolute expiry has passed. */
    public boolean isActiveAt(Instant now) {
        return revokedAt == null && now.isBefore(idleExpiresAt) && now.isBefore(absoluteExpiresAt);
    }

    /** When the refresh token stops working unless refreshed: the earlier of the two expiries. */
    public Instant refreshExpiresAt() {
        return idleExpiresAt.isBefore(absoluteExpiresAt) ? idleExpiresAt : absoluteExpiresAt;
    }
}
