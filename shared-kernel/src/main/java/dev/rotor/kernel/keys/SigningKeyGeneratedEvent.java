package dev.rotor.kernel.keys;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A new access-token signing key exists. Only its public half is here ({@code publicJwk}, a JSON
 * JWK with {@code kid}, {@code kty}, {@code crv}, {@code x}, {@code y}, {@code use}, {@code alg});
 * the private half was sealed with the master key into the server's key material before this
 * event was appended, and never enters the event store.
 */
@Revision("1")
public record SigningKeyGeneratedEvent(
        String aggregateId,
        String kid,
        String publicJwk,
        Instant generatedAt) {
}
