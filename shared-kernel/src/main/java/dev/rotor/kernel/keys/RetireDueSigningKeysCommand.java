package dev.rotor.kernel.keys;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record as retired every retiring key whose {@code retiresAt} has passed; nothing when none has. */
public record RetireDueSigningKeysCommand(@TargetAggregateIdentifier String ringId) {
}
