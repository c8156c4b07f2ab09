package dev.rotor.kernel.token;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Raise {@code global_min_token_version} by one; older sessions die after the grace period.
 * {@code requestId} is made once per request by the caller and is the same on every retry: a
 * request already applied is answered with its first result and applied no second time.
 */
public record TriggerGlobalTokenRotationCommand(
        @TargetAggregateIdentifier String policyId,
        String triggeredBy,
        String reason,
        long gracePeriodSeconds,
        String requestId) {

    /** A rotation that no request names: never recognised as a repeat. */
    public TriggerGlobalTokenRotationCommand(String policyId, String triggeredBy, String reason,
                                             long gracePeriodSeconds) {
        this(policyId, triggeredBy, reason, gracePeriodSeconds, null);
    }
}
