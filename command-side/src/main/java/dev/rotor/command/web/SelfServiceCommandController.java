package dev.rotor.command.web;

import dev.rotor.command.account.AccountCommands;
import dev.rotor.command.account.ClientInfo;
import dev.rotor.command.account.MfaEnrolment;
import dev.rotor.command.login.PasswordLogin;
import dev.rotor.command.session.SessionCommands;
import dev.rotor.command.session.SessionOpening;
import dev.rotor.command.session.TokenResponse;
import dev.rotor.command.web.CommandRequests.ChangePasswordRequest;
import dev.rotor.command.web.CommandRequests.MfaCodeRequest;
import dev.rotor.kernel.common.ErrorCode;
import dev.rotor.kernel.common.RotorException;
import dev.rotor.kernel.session.RevocationOutcome;
import dev.rotor.kernel.session.RevocationReasons;
import dev.rotor.kernel.token.TokenValidationResponse.AuthenticatedCaller;
import dev.rotor.kernel.token.UserRotationResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** What a logged-in user may do to their own account and sessions. */
@RestController
@RequestMapping("/api/v1/me")
@Tag(name = "Self-service", description = "The caller's own sessions, password and MFA")
public class SelfServiceCommandController {

    public static final String LOGOUT_EVERYWHERE = "logout_everywhere";

    private final SessionCommands sessions;
    private final AccountCommands accounts;
    private final SessionOpening sessionOpening;
    private final MfaEnrolment mfa;

    public SelfServiceCommandController(SessionCommands sessions, AccountCommands accounts,
                                        SessionOpening sessionOpening, MfaEnrolment mfa) {
        this.mfa = mfa;
        this.sessions = sessions;
        this.accounts = accounts;
        this.sessionOpening = sessionOpening;
    }

    @Operation(summary = "Revoke one of the caller's sessions")
    @ApiResponse(responseCode = "204", description = "Revoked")
    @ApiResponse(responseCode = "404", description = "not_found: not an active session of the caller")
    @DeleteMapping("/sessions/{sessionId}")
    public ResponseEntity<Void> revokeOwnSession(
            @RequestAttribute(AuthenticatedCaller.REQUEST_ATTRIBUTE) AuthenticatedCaller caller,
            @PathVariable String sessionId) {
        RevocationOutcome outcome = sessions.revoke(sessionId, caller.userId(), RevocationReasons.USER_REVOKED,
                caller.userId());
        if (outcome != RevocationOutcome.REVOKED) {
            throw new RotorException(ErrorCode.NOT_FOUND, "no such active session");
        }
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Log out everywhere", description = "Raises the caller's token version: every token of "
            + "the caller stops working, this one included.")
    @ApiResponse(responseCode = "200", description = "The caller's previous and new token version")
    @PostMapping("/logout-all")
    public UserRotationResult logoutEverywhere(
            @RequestAttribute(AuthenticatedCaller.REQUEST_ATTRIBUTE) AuthenticatedCaller caller) {
        return accounts.rotateUser(caller.userId(), caller.userId(), LOGOUT_EVERYWHERE);
    }

    @Operation(summary = "Start TOTP enrolment", description = "Answers {secret, otpauth_uri}; MFA is pending "
            + "until confirmed with a code.")
    @ApiResponse(responseCode = "200", description = "The TOTP secret and its otpauth URI")
    @ApiResponse(responseCode = "409", description = "mfa_already_enabled")
    @PostMapping("/mfa/totp")
    public ResponseEntity<Map<String, String>> startTotp(
            @RequestAttribute(AuthenticatedCaller.REQUEST_ATTRIBUTE) AuthenticatedCaller caller) {
        MfaEnrolment.TotpSecret secret = mfa.startTotp(caller.userId(), caller.email());
        return AuthController.noStore(Map.of("secret", secret.secret(), "otpauth_uri", secret.otpauthUri()));
    }

    @Operation(summary = "Confirm TOTP enrolment", description = "With a current code: MFA is on from now. "
            + "Answers {recovery_codes}, shown this once.")
    @ApiResponse(responseCode = "200", description = "The recovery codes")
    @ApiResponse(responseCode = "401", description = "invalid_mfa: wrong code")
    @PostMapping("/mfa/totp/confirm")
    public ResponseEntity<Map<String, List<String>>> confirmTotp(
            @RequestAttribute(AuthenticatedCaller.REQUEST_ATTRIBUTE) AuthenticatedCaller caller,
            @Valid @RequestBody MfaCodeRequest body) {
        return AuthController.noStore(Map.of("recovery_codes", mfa.confirmTotp(caller.userId(), body.code())));
    }

    @Operation(summary = "Turn MFA off", description = "With a current TOTP code or a recovery code.")
    @ApiResponse(responseCode = "204", description = "MFA is off")
    @ApiResponse(responseCode = "401", description = "invalid_mfa: wrong code")
    @PostMapping("/mfa/disable")
    public ResponseEntity<Void> disableMfa(
            @RequestAttribute(AuthenticatedCaller.REQUEST_ATTRIBUTE) AuthenticatedCaller caller,
            @Valid @RequestBody MfaCodeRequest body, HttpServletRequest request) {
        mfa.disable(caller.userId(), body.code(), Clients.of(request));
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Change the password", description = "Every other token of the user stops working (user "
            + "rotation, reason password_changed); the answer is a fresh session.")
    @ApiResponse(responseCode = "200", description = "Tokens of the new session")
    @ApiResponse(responseCode = "401", description = "invalid_credentials: the current password is wrong")
    @PostMapping("/password")
    public ResponseEntity<TokenResponse> changePassword(
            @RequestAttribute(AuthenticatedCaller.REQUEST_ATTRIBUTE) AuthenticatedCaller caller,
            @Valid @RequestBody ChangePasswordRequest body, HttpServletRequest request) {
        ClientInfo client = Clients.of(request);
        UserRotationResult rotation = accounts.changePassword(caller.userId(), body.currentPassword(),
                body.newPassword(), client);
        // The new session is stamped with the version the change itself raised the user to: the
        // current password was just proven, so no second Argon2 verification is spent here.
        return AuthController.noStore(sessionOpening.open(caller.userId(), caller.email(), caller.roles(),
                PasswordLogin.AMR_PASSWORD, rotation.newVersion(), client));
    }
}
