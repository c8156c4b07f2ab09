package dev.rotor.kernel.session;

import dev.rotor.kernel.token.TokenVersionFloor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * An access token of this session was refused by the version rule under {@code floor}. The session
 * records the first such refusal ({@link SessionRefusedForTokenVersionEvent}) and ignores the rest.
 */
public record RecordTokenVersionRefusalCommand(@TargetAggregateIdentifier String sessionId, TokenVersionFloor floor) {
}
