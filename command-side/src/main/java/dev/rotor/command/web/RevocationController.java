package dev.rotor.command.web;

import dev.rotor.command.session.TokenRevocation;
import dev.rotor.kernel.common.ErrorCode;
import dev.rotor.kernel.common.RotorException;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Token revocation, RFC 7009: a form with {@code token} and an optional {@code token_type_hint}
 * (not needed: the token's shape tells its kind). {@code 200} with an empty body for any token,
 * known or not; only a request without a token is refused.
 */
@RestController
public class RevocationController {

    public static final String PATH = "/api/v1/oauth/revoke";

    private final TokenRevocation revocation;

    public RevocationController(TokenRevocation revocation) {
        this.revocation = revocation;
    }

    @PostMapping(path = PATH, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    public ResponseEntity<Void> revoke(@RequestParam("token") String token,
            @RequestParam(name = "token_type_hint", required = false) String tokenTypeHint) {
        if (token.isBlank()) {
            throw new RotorException(ErrorCode.INVALID_REQUEST, "token: required");
        }
        revocation.revoke(token);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).build();
    }
}
