package dev.rotor.kernel.account;

import dev.rotor.kernel.common.Secrets;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Replace the password after checking the current one; rotates the user's tokens with reason
 * {@code password_changed}. Answers the {@link dev.rotor.kernel.token.UserRotationResult}.
 */
public record ChangePasswordCommand(
        @TargetAggregateIdentifier String userId,
        String currentPassword,
        String newPassword,
        String triggeredBy,
        String ip,
        String userAgent) {

    @Override
    public String toString() {
        return "ChangePasswordCommand[userId=" + userId + ", currentPassword=" + Secrets.redact(currentPassword)
                + ", newPassword=" + Secrets.redact(newPassword) + ", triggeredBy=" + triggeredBy + "]";
    }
}
