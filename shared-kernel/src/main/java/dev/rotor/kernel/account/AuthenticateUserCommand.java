package dev.rotor.kernel.account;

import dev.rotor.kernel.common.Secrets;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Check a password attempt. Answers {@link AuthenticationResult}; records success or failure. */
public record AuthenticateUserCommand(
        @TargetAggregateIdentifier String userId,
        String password,
        String ip,
        String userAgent) {

    @Override
    public String toString() {
        return "AuthenticateUserCommand[userId=" + userId + ", password=" + Secrets.redact(password)
                + ", ip=" + ip + ", userAgent=" + userAgent + "]";
    }
}
