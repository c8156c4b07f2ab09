package dev.rotor.kernel.account;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An admin turns a user's MFA off (lost authenticator and recovery codes). */
public record ResetMfaCommand(@TargetAggregateIdentifier String userId, String triggeredBy, String reason) {
}
