package dev.rotor.command.login;

import dev.rotor.command.account.ClientInfo;
import dev.rotor.command.dispatch.Commands;
import dev.rotor.command.session.SessionOpening;
import dev.rotor.command.session.TokenResponse;
import dev.rotor.kernel.account.AuthenticationResult;
import dev.rotor.kernel.account.VerifySecondFactorCommand;
import dev.rotor.kernel.common.ErrorCode;
import dev.rotor.kernel.common.RotorException;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

/**
 * The second step of an MFA login: the {@code mfa_token} of a right password and a TOTP code (or
 * a recovery code). A wrong code counts toward the lockout like a wrong password; the token is
 * good for one attempt. The session's {@code amr} is {@code ["pwd","otp"]} for both kinds of code
 * (a recovery code is a one-time password too, RFC 8176); the audit tells them apart.
 */
@Component
public class SecondFactorLogin {

    public static final List<String> AMR_PASSWORD_AND_OTP = List.of("pwd", "otp");

    private final CommandGateway commands;
    private final SessionOpening sessions;
    private final LoginMetrics metrics;

    SecondFactorLogin(CommandGateway commands, SessionOpening sessions, LoginMetrics metrics) {
        this.commands = commands;
        this.sessions = sessions;
        this.metrics = metrics;
    }

    public TokenResponse login(String mfaToken, String code, ClientInfo client) {
        TokenResponse tokens;
        try {
            tokens = attempt(mfaToken, code, client);
        } catch (RuntimeException refusal) {
            metrics.refused(refusal);
            throw refusal;
        }
        metrics.succeeded();
        return tokens;
    }

    private TokenResponse attempt(String mfaToken, String code, ClientInfo client) {
        MfaTokens.Parsed token = MfaTokens.parse(mfaToken).orElseThrow(SecondFactorLogin::invalidMfa);
        AuthenticationResult user;
        try {
            user = Commands.sendToExisting(commands, new VerifySecondFactorCommand(token.userId(), token.hash(), code,
                    client.ip(), client.userAgent()), "user");
        } catch (RotorException e) {
            throw e.errorCode() == ErrorCode.NOT_FOUND ? invalidMfa() : e;
        }
        return switch (user.outcome()) {
            case SUCCEEDED -> sessions.open(user.userId(), user.email(), user.roles(), AMR_PASSWORD_AND_OTP,
                    user.userVersion(), client);
            case LOCKED_OUT -> throw new RotorException(ErrorCode.TOO_MANY_ATTEMPTS,
                    "too many failed attempts; try again later", user.retryAfterSeconds());
            default -> throw invalidMfa();
        };
    }

    private static RotorException invalidMfa() {
        return new RotorException(ErrorCode.INVALID_MFA, "the MFA token or code is invalid, used or expired");
    }
}
