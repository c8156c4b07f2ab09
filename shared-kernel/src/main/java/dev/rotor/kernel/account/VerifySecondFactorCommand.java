package dev.rotor.kernel.account;

import dev.rotor.kernel.common.Secrets;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The second step of an MFA login: the challenge the password step issued (by its hash) and a
 * TOTP or recovery code. Answers {@link AuthenticationResult}.
 */
public record VerifySecondFactorCommand(
        @TargetAggregateIdentifier String userId,
        String challengeHash,
        String code,
        String ip,
        String userAgent) {

    @Override
    public String toString() {
        return "VerifySecondFactorCommand[userId=" + userId + ", code=" + Secrets.redact(code) + "]";
    }
}
