package dev.rotor.kernel.session;

import dev.rotor.kernel.token.RotationScope;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The session was refused for the first time because a token rotation left it behind. Recorded
 * once per session, so the audit shows why the user was logged out and a token replayed in a loop
 * cannot flood the store.
 */
@Revision("1")
public record SessionRefusedForTokenVersionEvent(
        String sessionId,
        String userId,
        RotationScope scope,
        long presentedVersion,
        long requiredVersion,
        Instant refusedAt) {
}
