package dev.rotor.kernel.account;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An admin ends a lockout: the failure count and the lockout escalation start again from zero. */
public record UnlockUserCommand(@TargetAggregateIdentifier String userId, String unlockedBy) {
}
