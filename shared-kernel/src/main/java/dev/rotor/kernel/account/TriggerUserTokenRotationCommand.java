package dev.rotor.kernel.account;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Raise the user's {@code min_token_version} by one: every older token of the user dies at once.
 * {@code requestId} is made once per request by the caller and is the same on every retry: a
 * request already applied is answered with its first result and applied no second time.
 */
public record TriggerUserTokenRotationCommand(
        @TargetAggregateIdentifier String userId,
        String triggeredBy,
        String reason,
        String requestId) {

    /** A rotation that no request names: never recognised as a repeat. */
    public TriggerUserTokenRotationCommand(String userId, String triggeredBy, String reason) {
        this(userId, triggeredBy, reason, null);
    }
}
