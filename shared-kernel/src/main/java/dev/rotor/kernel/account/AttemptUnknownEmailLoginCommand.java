package dev.rotor.kernel.account;

import dev.rotor.kernel.common.Secrets;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A login attempt for an email that has no account. It is checked exactly as an account checks a
 * wrong password (same hashing cost, same lockout, under the same per-email serialisation), so
 * nothing tells it apart. {@code throttleId} is derived from the normalised email, never the email
 * itself. Answers {@link AuthenticationResult} (failed or locked out).
 */
public record AttemptUnknownEmailLoginCommand(
        @TargetAggregateIdentifier String throttleId,
        String password,
        String ip,
        String userAgent) {

    @Override
    public String toString() {
        return "AttemptUnknownEmailLoginCommand[throttleId=" + throttleId + ", password=" + Secrets.redact(password)
                + "]";
    }
}
