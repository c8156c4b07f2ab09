package dev.rotor.kernel.account;

import dev.rotor.kernel.common.Secrets;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The user turns MFA off, proving it with a current TOTP code or an unused recovery code. Answers whether it was off. */
public record DisableMfaCommand(
        @TargetAggregateIdentifier String userId,
        String code,
        String ip,
        String userAgent) {

    @Override
    public String toString() {
        return "DisableMfaCommand[userId=" + userId + ", code=" + Secrets.redact(code) + "]";
    }
}
