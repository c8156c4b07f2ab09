package dev.rotor.kernel.session;

import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * A session began. {@code refreshTokenHash} is the hex SHA-256 of the first refresh token. The
 * idle expiry slides on every refresh, never past {@code absoluteExpiresAt}.
 */
@Revision("1")
public record SessionIssuedEvent(
        String sessionId,
        String userId,
        String email,
        List<String> roles,
        List<String> amr,
        long userVersion,
        long globalVersion,
        String refreshTokenHash,
        String userAgent,
        String ip,
        Instant issuedAt,
        Instant idleExpiresAt,
        Instant absoluteExpiresAt) {
}
