package dev.rotor.kernel.session;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The session ended: its access and refresh tokens stop working at once. */
@Revision("1")
public record SessionRevokedEvent(
        String sessionId,
        String userId,
        String reason,
        String revokedBy,
        Instant revokedAt) {
}
