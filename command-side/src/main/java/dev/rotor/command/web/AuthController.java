package dev.rotor.command.web;

import dev.rotor.command.login.MfaChallenge;
import dev.rotor.command.login.PasswordLogin;
import dev.rotor.command.login.SecondFactorLogin;
import dev.rotor.command.session.SessionCommands;
import dev.rotor.command.session.TokenRefresh;
import dev.rotor.command.session.TokenResponse;
import dev.rotor.command.web.CommandRequests.LoginRequest;
import dev.rotor.command.web.CommandRequests.MfaLoginRequest;
import dev.rotor.command.web.CommandRequests.RefreshRequest;
import dev.rotor.kernel.session.RevocationReasons;
import dev.rotor.kernel.token.TokenValidationResponse.AuthenticatedCaller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Login, refresh and logout. */
@RestController
@RequestMapping("/api/v1/auth")
@Tag(name = "Authentication", description = "Login, second factor, refresh and logout")
public class AuthController {

    private final PasswordLogin passwordLogin;
    private final SecondFactorLogin secondFactorLogin;
    private final TokenRefresh tokenRefresh;
    private final SessionCommands sessions;

    public AuthController(PasswordLogin passwordLogin, SecondFactorLogin secondFactorLogin, TokenRefresh tokenRefresh,
                          SessionCommands sessions) {
        this.passwordLogin = passwordLogin;
        this.secondFactorLogin = secondFactorLogin;
        this.tokenRefresh = tokenRefresh;
        this.sessions = sessions;
    }

    @Operation(summary = "Log in with email and password",
            description = "Answers tokens, or, for a user with MFA, a challenge for POST /api/v1/auth/login/mfa. "
                    + "An unknown email and a wrong password get the same answer in about the same time.")
    @ApiResponse(responseCode = "200", description = "Tokens, or the MFA challenge",
            content = @Content(schema = @Schema(oneOf = {TokenResponse.class, MfaChallenge.class})))
    @ApiResponse(responseCode = "401", description = "invalid_credentials: the email or the password is wrong")
    @ApiResponse(responseCode = "429", description = "too_many_attempts: locked out; Retry-After says for how long")
    @ApiResponse(responseCode = "503", description = "server_busy: too many password checks waiting; Retry-After")
    @PostMapping("/login")
    public ResponseEntity<Object> login(@Valid @RequestBody LoginRequest body, HttpServletRequest request) {
        PasswordLogin.Result result = passwordLogin.login(body.email(), body.password(), Clients.of(request));
        return noStore(result.tokens() != null ? result.tokens() : result.challenge());
    }

    @Operation(summary = "Second step of an MFA login",
            description = "The mfa_token of the first step and a TOTP code or a recovery code. The session's amr is "
                    + "[\"pwd\",\"otp\"].")
    @ApiResponse(responseCode = "200", description = "Tokens")
    @ApiResponse(responseCode = "401", description = "invalid_mfa: the MFA token or the code is invalid, used or expired")
    @ApiResponse(responseCode = "429", description = "too_many_attempts: locked out; Retry-After says for how long")
    @PostMapping("/login/mfa")
    public ResponseEntity<TokenResponse> loginMfa(@Valid @RequestBody MfaLoginRequest body,
                                                  HttpServletRequest request) {
        return noStore(secondFactorLogin.login(body.mfaToken(), body.code(), Clients.of(request)));
    }

    @Operation(summary = "Refresh: new tokens for a refresh token",
            description = "The refresh token rotates: the answer holds a new one, the presented one stops working. "
                    + "Reuse of a rotated-out token revokes the whole session; the immediate parent within the reuse "
                    + "leeway is answered with the current token instead.")
    @ApiResponse(responseCode = "200", description = "New tokens, same session_id")
    @ApiResponse(responseCode = "401", description = "invalid_grant: unknown, expired, revoked, below the required "
            + "token version, or reused")
    @PostMapping("/token/refresh")
    public ResponseEntity<TokenResponse> refresh(@Valid @RequestBody RefreshRequest body, HttpServletRequest request) {
        return noStore(tokenRefresh.refresh(body.refreshToken(), Clients.of(request)));
    }

    @Operation(summary = "Log out", description = "Revokes the caller's session: its access and refresh tokens "
            + "stop working at once.")
    @ApiResponse(responseCode = "204", description = "Logged out")
    @PostMapping("/logout")
    public ResponseEntity<Void> logout(@RequestAttribute(AuthenticatedCaller.REQUEST_ATTRIBUTE) AuthenticatedCaller caller) {
        sessions.revoke(caller.sessionId(), caller.userId(), RevocationReasons.LOGOUT, caller.userId());
        return ResponseEntity.noContent().build();
    }

    static <T> ResponseEntity<T> noStore(T body) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).header("Pragma", "no-cache").body(body);
    }
}
