package dev.rotor.kernel.account;

import dev.rotor.kernel.common.Secrets;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Replace the password after checking the current one; rotates the user's tokens with reason
 * {@code password_changed}. Answers a {@link PasswordChangeResult}. {@code requestId} is made once
 * per request by the caller and is the same on every retry: a change already applied is answered
 * as changed (with its rotation) instead of being checked against the new password.
 */
public record ChangePasswordCommand(
        @TargetAggregateIdentifier String userId,
        String currentPassword,
        String newPassword,
        String triggeredBy,
        String ip,
        String userAgent,
        String requestId) {

    /** A change that no request names: never recognised as a repeat. */
    public ChangePasswordCommand(String userId, String currentPassword, String newPassword, String triggeredBy,
                                 String ip, String userAgent) {
        this(userId, currentPassword, newPassword, triggeredBy, ip, userAgent, null);
    }

    @Override
    public String toString() {
        return "ChangePasswordCommand[userId=" + userId + ", currentPassword=" + Secrets.redact(currentPassword)
                + ", newPassword=" + Secrets.redact(newPassword) + ", triggeredBy=" + triggeredBy + ", requestId="
                + requestId + "]";
    }
}
