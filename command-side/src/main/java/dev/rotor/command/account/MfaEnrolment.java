package dev.rotor.command.account;

import dev.rotor.command.dispatch.Commands;
import dev.rotor.kernel.account.ConfirmTotpEnrolmentCommand;
import dev.rotor.kernel.account.DisableMfaCommand;
import dev.rotor.kernel.account.ResetMfaCommand;
import dev.rotor.kernel.account.StartTotpEnrolmentCommand;
import dev.rotor.kernel.common.ErrorCode;
import dev.rotor.kernel.common.RotorException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Service;

/**
 * MFA use cases: TOTP enrolment (a new secret, pending until a code from the authenticator
 * confirms it), recovery codes, turning MFA off (the user with a code, or an admin).
 */
@Service
public class MfaEnrolment {

    public static final String ISSUER = "Rotor";

    private final CommandGateway commands;
    private final SecretCipher cipher;

    public MfaEnrolment(CommandGateway commands, SecretCipher cipher) {
        this.commands = commands;
        this.cipher = cipher;
    }

    /** A new pending secret: shown once, here, in clear; stored only sealed. */
    public record TotpSecret(String secret, String otpauthUri) {

        @Override
        public String toString() {
            return "TotpSecret[redacted]";
        }
    }

    public TotpSecret startTotp(String userId, String email) {
        String secret = Totp.newSecret();
        Commands.sendToExisting(commands, new StartTotpEnrolmentCommand(userId, cipher.seal(secret)), "user");
        String label = URLEncoder.encode(ISSUER + ":" + email, StandardCharsets.UTF_8).replace("+", "%20")
                .replace("%3A", ":").replace("%40", "@");
        String uri = "otpauth://totp/" + label + "?secret=" + secret + "&issuer=" + ISSUER
                + "&algorithm=SHA1&digits=" + Totp.DIGITS + "&period=" + Totp.STEP_SECONDS;
        return new TotpSecret(secret, uri);
    }

    /** Confirms the pending secret with a code; answers the recovery codes, shown this once. */
    public List<String> confirmTotp(String userId, String code) {
        List<String> recoveryCodes = RecoveryCodes.generate();
        Commands.sendToExisting(commands, new ConfirmTotpEnrolmentCommand(userId, code,
                recoveryCodes.stream().map(RecoveryCodes::hash).toList()), "user");
        return recoveryCodes;
    }

    public void disable(String userId, String code, ClientInfo client) {
        Boolean off = Commands.sendToExisting(commands, new DisableMfaCommand(userId, code, client.ip(),
                client.userAgent()), "user");
        if (!Boolean.TRUE.equals(off)) {
            throw new RotorException(ErrorCode.INVALID_MFA, "code: not a current TOTP code or an unused recovery code");
        }
    }

    public void reset(String userId, String triggeredBy, String reason) {
        Commands.requireUuid(userId, "user");
        Commands.sendToExisting(commands, new ResetMfaCommand(userId, triggeredBy, reason), "user");
    }
}
