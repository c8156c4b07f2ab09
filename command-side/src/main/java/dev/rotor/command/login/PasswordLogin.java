package dev.rotor.command.login;

import dev.rotor.command.account.ClientInfo;
import dev.rotor.command.account.Credentials;
import dev.rotor.command.account.EmailRegistry;
import dev.rotor.command.account.PasswordHasher;
import dev.rotor.command.account.PasswordHashingLine;
import dev.rotor.command.session.SessionOpening;
import dev.rotor.command.session.TokenResponse;
import dev.rotor.kernel.account.AuthenticateUserCommand;
import dev.rotor.kernel.account.AuthenticationResult;
import dev.rotor.kernel.common.ErrorCode;
import dev.rotor.kernel.common.RotorException;
import java.util.List;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

/**
 * Login with email and password. The email lookup names the account, which decides; an unknown
 * email pays the same hashing cost and locks out the same way, so neither the answer nor its time
 * tells whether the email has an account.
 */
@Component
public class PasswordLogin {

    public static final List<String> AMR_PASSWORD = List.of("pwd");

    private final CommandGateway commands;
    private final EmailRegistry emails;
    private final PasswordHasher hasher;
    private final PasswordHashingLine hashingLine;
    private final UnknownEmailLockout unknownEmails;
    private final SessionOpening sessions;

    public PasswordLogin(CommandGateway commands, EmailRegistry emails, PasswordHasher hasher,
                         PasswordHashingLine hashingLine, UnknownEmailLockout unknownEmails, SessionOpening sessions) {
        this.commands = commands;
        this.emails = emails;
        this.hasher = hasher;
        this.hashingLine = hashingLine;
        this.unknownEmails = unknownEmails;
        this.sessions = sessions;
    }

    public TokenResponse login(String email, String password, ClientInfo client) {
        AuthenticationResult user = authenticate(email, password, client);
        return sessions.open(user.userId(), user.email(), user.roles(), AMR_PASSWORD, user.userVersion(), client);
    }

    private AuthenticationResult authenticate(String email, String password, ClientInfo client) {
        // Under a flood, turn the login away before the email lookup and the command: refusals stay
        // cheap, and the same for every email.
        hashingLine.refuseWhenFull();
        String normalized = Credentials.normalizeEmail(email);
        Optional<String> userId = emails.userIdFor(normalized);
        if (userId.isEmpty()) {
            long retryAfter = unknownEmails.retryAfterSeconds(normalized);
            if (retryAfter > 0) {
                throw tooManyAttempts(retryAfter);
            }
            hasher.verifyAgainstDummy(password);
            unknownEmails.recordFailure(normalized);
            throw invalidCredentials();
        }
        AuthenticationResult result = commands.sendAndWait(
                new AuthenticateUserCommand(userId.get(), password, client.ip(), client.userAgent()));
        return switch (result.outcome()) {
            case SUCCEEDED -> result;
            case FAILED -> throw invalidCredentials();
            case LOCKED_OUT -> throw tooManyAttempts(result.retryAfterSeconds());
        };
    }

    private static RotorException invalidCredentials() {
        return new RotorException(ErrorCode.INVALID_CREDENTIALS, "email or password is incorrect");
    }

    private static RotorException tooManyAttempts(long retryAfterSeconds) {
        return new RotorException(ErrorCode.TOO_MANY_ATTEMPTS, "too many failed attempts; try again later",
                retryAfterSeconds);
    }
}
