package dev.rotor.kernel.token;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Raise {@code global_min_token_version} by one; older sessions die after the grace period. */
public record TriggerGlobalTokenRotationCommand(
        @TargetAggregateIdentifier String policyId,
        String triggeredBy,
        String reason,
        long gracePeriodSeconds) {
}
