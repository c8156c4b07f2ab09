package dev.rotor.kernel.keys;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Make the server's one key from before key rotation existed (or the first key of a new database)
 * the ring's first active key, keeping its {@code kid} so tokens it signed stay valid. Does nothing
 * when the ring has a key already: of several nodes starting together, one adopts.
 */
public record AdoptSigningKeyCommand(
        @TargetAggregateIdentifier String ringId,
        String kid,
        String publicJwk,
        Instant createdAt) {
}
