package dev.rotor.command.account;

import dev.rotor.command.dispatch.Commands;
import dev.rotor.kernel.account.ChangePasswordCommand;
import dev.rotor.kernel.account.PasswordChangeResult;
import dev.rotor.kernel.account.RegisterUserCommand;
import dev.rotor.kernel.account.TriggerUserTokenRotationCommand;
import dev.rotor.kernel.account.UnlockUserCommand;
import dev.rotor.kernel.common.ErrorCode;
import dev.rotor.kernel.common.RotorException;
import dev.rotor.kernel.token.UserRotationResult;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Service;

/** Account use cases: registration, password change, user token rotation. */
@Service
public class AccountCommands {

    private final CommandGateway commands;
    private final EmailRegistry emails;

    public AccountCommands(CommandGateway commands, EmailRegistry emails) {
        this.commands = commands;
        this.emails = emails;
    }

    /** Registers a user and answers its id; {@code 409 email_taken} if the email is in use. */
    public String register(String email, String password, List<String> roles, String registeredBy) {
        String userId = UUID.randomUUID().toString();
        try {
            commands.sendAndWait(new RegisterUserCommand(userId, email, password, roles, registeredBy));
        } catch (RuntimeException e) {
            // Two registrations of one email racing: the lookup's primary key refused the second.
            String normalized = Credentials.normalizeEmail(email);
            if (!(e instanceof RotorException) && normalized != null && emails.isTaken(normalized)) {
                throw new RotorException(ErrorCode.EMAIL_TAKEN, "email: already registered");
            }
            throw e;
        }
        return userId;
    }

    /** An admin ends a user's lockout. */
    public void unlock(String userId, String unlockedBy) {
        Commands.requireUuid(userId, "user");
        Commands.sendToExisting(commands, new UnlockUserCommand(userId, unlockedBy), "user");
    }

    /**
     * Rotations and password changes carry an id made here, once per request, and the same on every
     * retry of the gateway: one whose commit succeeded but whose answer was lost is answered with
     * its first result, never applied twice.
     */
    private static String newRequestId() {
        return UUID.randomUUID().toString();
    }

    public UserRotationResult rotateUser(String userId, String triggeredBy, String reason) {
        Commands.requireUuid(userId, "user");
        return Commands.sendToExisting(commands,
                new TriggerUserTokenRotationCommand(userId, triggeredBy, reason, newRequestId()), "user");
    }

    /** Changes the password; a wrong current password is {@code 401 invalid_credentials}. */
    public UserRotationResult changePassword(String userId, String currentPassword, String newPassword,
                                             ClientInfo client) {
        PasswordChangeResult result = Commands.sendToExisting(commands, new ChangePasswordCommand(userId,
                currentPassword, newPassword, userId, client.ip(), client.userAgent(), newRequestId()), "user");
        if (result == null || !result.changed()) {
            throw new RotorException(ErrorCode.INVALID_CREDENTIALS, "current_password: incorrect");
        }
        return result.rotation();
    }
}
