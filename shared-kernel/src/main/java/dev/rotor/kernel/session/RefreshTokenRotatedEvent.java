package dev.rotor.kernel.session;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The refresh token moved on: {@code previousTokenHash} is now the parent, {@code newTokenHash} current. */
@Revision("1")
public record RefreshTokenRotatedEvent(
        String sessionId,
        String previousTokenHash,
        String newTokenHash,
        Instant rotatedAt,
        Instant idleExpiresAt,
        String ip,
        String userAgent) {
}
