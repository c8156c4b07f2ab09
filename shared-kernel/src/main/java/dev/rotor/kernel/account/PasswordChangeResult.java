package dev.rotor.kernel.account;

import dev.rotor.kernel.token.UserRotationResult;

/**
 * Answer to {@link ChangePasswordCommand}. A wrong current password is an answer ({@code changed}
 * false), not an exception, so that the failed attempt it recorded is committed.
 */
public record PasswordChangeResult(boolean changed, UserRotationResult rotation) {

    public static PasswordChangeResult rejected() {
        return new PasswordChangeResult(false, null);
    }
}
