package dev.rotor.kernel.keys;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Scheduled rotation: rotate only when the active key has been active for {@code maxAgeSeconds}
 * or longer; otherwise nothing happens. Every node may send it; the first one due rotates, the
 * others find a young key.
 */
public record RotateSigningKeyIfDueCommand(
        @TargetAggregateIdentifier String ringId,
        long maxAgeSeconds) {
}
