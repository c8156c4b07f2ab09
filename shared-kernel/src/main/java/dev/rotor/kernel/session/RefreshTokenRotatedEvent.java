package dev.rotor.kernel.session;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The refresh token moved on: {@code previousTokenHash} is now the parent, {@code newTokenHash}
 * current. Revision 2 carries the session's {@code userId}; events stored as revision 1 are read
 * with it {@code null}, and readers take the user from the session's first event.
 */
@Revision("2")
public record RefreshTokenRotatedEvent(
        String sessionId,
        String userId,
        String previousTokenHash,
        String newTokenHash,
        Instant rotatedAt,
        Instant idleExpiresAt,
        String ip,
        String userAgent) {
}
