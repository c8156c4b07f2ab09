package dev.rotor.kernel.keys;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * From {@code activatedAt} on, every node signs new access tokens with key {@code kid}.
 * {@code previousKid} is the key it replaces ({@code null} for the first key). {@code requestId}
 * names the request that asked for it, so a retried request is answered rather than applied twice
 * ({@code null} when no request named it: the first key, a scheduled rotation).
 */
@Revision("1")
public record SigningKeyActivatedEvent(
        String aggregateId,
        String kid,
        String previousKid,
        Instant activatedAt,
        String triggeredBy,
        String reason,
        String requestId) {
}
