package dev.rotor.kernel.account;

import org.axonframework.serialization.Revision;

/**
 * A password attempt failed. {@code consecutiveFailures} counts failures since the last success or
 * lockout; the account locks itself once it reaches the configured maximum.
 */
@Revision("1")
public record LoginFailedEvent(
        String userId,
        String reason,
        int consecutiveFailures,
        String ip,
        String userAgent) {
}
