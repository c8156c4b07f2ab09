package dev.rotor.kernel.account;

import dev.rotor.kernel.common.Secrets;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Check a password attempt. Answers {@link AuthenticationResult}; records success or failure. For
 * a user with MFA, a right password opens the second-factor challenge {@code mfaChallengeHash}
 * (the SHA-256 of the {@code mfa_token} the caller will hand out) instead of completing the login.
 */
public record AuthenticateUserCommand(
        @TargetAggregateIdentifier String userId,
        String password,
        String ip,
        String userAgent,
        String mfaChallengeHash) {

    public AuthenticateUserCommand(String userId, String password, String ip, String userAgent) {
        this(userId, password, ip, userAgent, null);
    }

    @Override
    public String toString() {
        return "AuthenticateUserCommand[userId=" + userId + ", password=" + Secrets.redact(password)
                + ", ip=" + ip + ", userAgent=" + userAgent + "]";
    }
}
