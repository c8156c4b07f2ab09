package dev.rotor.kernel.keys;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Generate a new signing key and make it the active one; the active key becomes retiring.
 * {@code requestId} is made once per request and is the same on every retry: a request already
 * applied is answered with its first result.
 */
public record RotateSigningKeyCommand(
        @TargetAggregateIdentifier String ringId,
        String triggeredBy,
        String reason,
        String requestId) {
}
