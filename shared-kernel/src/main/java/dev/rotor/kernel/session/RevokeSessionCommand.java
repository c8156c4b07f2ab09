package dev.rotor.kernel.session;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * End a session. When {@code ownerUserId} is set the session must belong to that user, otherwise it
 * is reported as not found (a user may not learn about other users' sessions). Answers
 * {@link RevocationOutcome}; revoking an inactive session changes nothing and records nothing.
 */
public record RevokeSessionCommand(
        @TargetAggregateIdentifier String sessionId,
        String ownerUserId,
        String reason,
        String revokedBy) {
}
