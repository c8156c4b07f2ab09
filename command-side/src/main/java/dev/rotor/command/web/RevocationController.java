package dev.rotor.command.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
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
@Tag(name = "OAuth", description = "Standard token endpoints: revocation and introspection")
@RestController
public class RevocationController {

    public static final String PATH = "/api/v1/oauth/revoke";

    private final TokenRevocation revocation;

    public RevocationController(TokenRevocation revocation) {
        this.revocation = revocation;
    }

    @Operation(summary = "Revoke a token (RFC 7009)",
            description = "Form fields token and optional token_type_hint. A refresh or access token of an active "
                    + "session revokes that session: its access and refresh tokens stop working at once. Answers 200 "
                    + "for an unknown, malformed or already dead token too, as RFC 7009 asks.")
    @ApiResponse(responseCode = "200", description = "Revoked, or nothing to revoke")
    @ApiResponse(responseCode = "400", description = "invalid_request: the token field is missing or blank")
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
