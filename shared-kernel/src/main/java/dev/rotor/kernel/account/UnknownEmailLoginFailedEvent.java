package dev.rotor.kernel.account;

import org.axonframework.serialization.Revision;

/**
 * A login for an email without an account failed; {@code throttleId} stands for the email (a
 * keyed hash of it), and {@code consecutiveFailures} drives the same lockout accounts have.
 */
@Revision("1")
public record UnknownEmailLoginFailedEvent(String throttleId, int consecutiveFailures, String ip, String userAgent) {
}
