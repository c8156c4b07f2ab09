package dev.rotor.kernel.account;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Raise the user's {@code min_token_version} by one: every older token of the user dies at once. */
public record TriggerUserTokenRotationCommand(
        @TargetAggregateIdentifier String userId,
        String triggeredBy,
        String reason) {
}
