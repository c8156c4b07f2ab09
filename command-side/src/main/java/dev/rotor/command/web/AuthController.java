package dev.rotor.command.web;

import dev.rotor.command.login.PasswordLogin;
import dev.rotor.command.login.SecondFactorLogin;
import dev.rotor.command.session.TokenRefresh;
import dev.rotor.command.session.TokenResponse;
import dev.rotor.command.session.SessionCommands;
import dev.rotor.command.web.CommandRequests.LoginRequest;
import dev.rotor.command.web.CommandRequests.MfaLoginRequest;
import dev.rotor.command.web.CommandRequests.RefreshRequest;
import dev.rotor.kernel.session.RevocationReasons;
import dev.rotor.kernel.token.TokenValidationResponse.AuthenticatedCaller;
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

    @PostMapping("/login")
    public ResponseEntity<Object> login(@Valid @RequestBody LoginRequest body, HttpServletRequest request) {
        PasswordLogin.Result result = passwordLogin.login(body.email(), body.password(), Clients.of(request));
        return noStore(result.tokens() != null ? result.tokens() : result.challenge());
    }

    @PostMapping("/login/mfa")
    public ResponseEntity<TokenResponse> loginMfa(@Valid @RequestBody MfaLoginRequest body,
                                                  HttpServletRequest request) {
        return noStore(secondFactorLogin.login(body.mfaToken(), body.code(), Clients.of(request)));
    }

    @PostMapping("/token/refresh")
    public ResponseEntity<TokenResponse> refresh(@Valid @RequestBody RefreshRequest body, HttpServletRequest request) {
        return noStore(tokenRefresh.refresh(body.refreshToken(), Clients.of(request)));
    }

    @PostMapping("/logout")
    public ResponseEntity<Void> logout(@RequestAttribute(AuthenticatedCaller.REQUEST_ATTRIBUTE) AuthenticatedCaller caller) {
        sessions.revoke(caller.sessionId(), caller.userId(), RevocationReasons.LOGOUT, caller.userId());
        return ResponseEntity.noContent().build();
    }

    static <T> ResponseEntity<T> noStore(T body) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).header("Pragma", "no-cache").body(body);
    }
}
