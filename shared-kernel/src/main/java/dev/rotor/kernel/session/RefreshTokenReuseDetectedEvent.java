package dev.rotor.kernel.session;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A rotated-out refresh token was presented again; the session (token family) is revoked with it. */
@Revision("1")
public record RefreshTokenReuseDetectedEvent(
        String sessionId,
        String userId,
        String presentedTokenHash,
        Instant detectedAt,
        String ip,
        String userAgent) {
}
