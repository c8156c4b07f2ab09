package dev.rotor.kernel.account;

import dev.rotor.kernel.common.Secrets;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Finish a pending TOTP enrolment with a code from the authenticator; MFA is on from then. The
 * recovery codes travel only as their SHA-256 hashes.
 */
public record ConfirmTotpEnrolmentCommand(
        @TargetAggregateIdentifier String userId,
        String code,
        List<String> recoveryCodeHashes) {

    @Override
    public String toString() {
        return "ConfirmTotpEnrolmentCommand[userId=" + userId + ", code=" + Secrets.redact(code) + "]";
    }
}
