package dev.rotor.command.login;

import dev.rotor.command.account.ClientInfo;
import dev.rotor.command.account.Credentials;
import dev.rotor.command.account.EmailRegistry;
import dev.rotor.command.account.PasswordHashingLine;
import dev.rotor.command.account.UserAccount;
import dev.rotor.command.session.SessionOpening;
import dev.rotor.command.session.TokenResponse;
import dev.rotor.kernel.account.AttemptUnknownEmailLoginCommand;
import dev.rotor.kernel.account.AuthenticateUserCommand;
import dev.rotor.kernel.account.AuthenticationResult;
import dev.rotor.kernel.common.ErrorCode;
import dev.rotor.kernel.common.RotorException;
import java.util.List;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

/**
 * Login with email and password. The email lookup names the account, which decides; an email
 * without an account goes to its {@link UnknownEmailThrottle}, which pays the same hashing cost
 * and locks out the same way, so neither the answers nor their time tell whether it has one. A
 * user with MFA gets a challenge for the second step ({@link SecondFactorLogin}) instead of tokens.
 */
@Component
public class PasswordLogin {

    public static final List<String> AMR_PASSWORD = List.of("pwd");

    private final CommandGateway commands;
    private final EmailRegistry emails;
    private final EmailPseudonyms pseudonyms;
    private final PasswordHashingLine hashingLine;
    private final SessionOpening sessions;
    private final LoginMetrics metrics;

    PasswordLogin(CommandGateway commands, EmailRegistry emails, EmailPseudonyms pseudonyms,
                  PasswordHashingLine hashingLine, SessionOpening sessions, LoginMetrics metrics) {
        this.commands = commands;
        this.emails = emails;
        this.pseudonyms = pseudonyms;
        this.hashingLine = hashingLine;
        this.sessions = sessions;
        this.metrics = metrics;
    }

    /** Tokens, or (for a user with MFA) the challenge of the second step. */
    public record Result(TokenResponse tokens, MfaChallenge challenge) {
    }

    public Result login(String email, String password, ClientInfo client) {
        Result result;
        try {
            result = attempt(email, password, client);
        } catch (RuntimeException refusal) {
            metrics.refused(refusal);
            throw refusal;
        }
        if (result.tokens() != null) {
            metrics.succeeded();
        } else {
            metrics.mfaRequired();
        }
        return result;
    }

    private Result attempt(String email, String password, ClientInfo client) {
        // Under a flood, turn the login away before the email lookup and the command: refusals stay
        // cheap, and the same for every email.
        hashingLine.refuseWhenFull();
        String normalized = Credentials.normalizeEmail(email);
        Optional<String> userId = normalized == null ? Optional.empty() : emails.userIdFor(normalized);
        if (userId.isEmpty()) {
            // The same path as a wrong password: one hash, the same lockout, serialised per email.
            AuthenticationResult result = commands.sendAndWait(new AttemptUnknownEmailLoginCommand(
                    pseudonyms.of(normalized == null ? "" : normalized), password, client.ip(), client.userAgent()));
            throw refusal(result);
        }
        String mfaToken = MfaTokens.newToken(userId.get());
        AuthenticationResult user = commands.sendAndWait(new AuthenticateUserCommand(userId.get(), password,
                client.ip(), client.userAgent(), MfaTokens.hash(mfaToken)));
        return switch (user.outcome()) {
            case SUCCEEDED -> new Result(sessions.open(user.userId(), user.email(), user.roles(), AMR_PASSWORD,
                    user.userVersion(), client), null);
            case MFA_REQUIRED -> new Result(null, new MfaChallenge(true, mfaToken,
                    UserAccount.MFA_CHALLENGE_LIFETIME.toSeconds()));
            default -> throw refusal(user);
        };
    }

    private static RotorException refusal(AuthenticationResult result) {
        return result.outcome() == AuthenticationResult.Outcome.LOCKED_OUT
                ? tooManyAttempts(result.retryAfterSeconds())
                : invalidCredentials();
    }

    private static RotorException invalidCredentials() {
        return new RotorException(ErrorCode.INVALID_CREDENTIALS, "email or password is incorrect");
    }

    private static RotorException tooManyAttempts(long retryAfterSeconds) {
        return new RotorException(ErrorCode.TOO_MANY_ATTEMPTS, "too many failed attempts; try again later",
                retryAfterSeconds);
    }
}
