package dev.rotor.kernel.common;

import org.axonframework.common.IdentifierFactory;

/**
 * Axon's message identifiers (so every stored event's {@code event_identifier}) made by
 * {@link TimeOrderedIds}: registered in {@code META-INF/services}, where Axon's
 * {@link IdentifierFactory#getInstance()} looks first.
 */
public final class TimeOrderedIdentifierFactory extends IdentifierFactory {

    @Override
    public String generateIdentifier() {
        return TimeOrderedIds.next();
    }
}
