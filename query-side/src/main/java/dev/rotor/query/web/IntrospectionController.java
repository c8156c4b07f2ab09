package dev.rotor.query.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import dev.rotor.kernel.common.ErrorCode;
import dev.rotor.kernel.common.RotorException;
import dev.rotor.kernel.token.IntrospectTokenQuery;
import dev.rotor.kernel.token.TokenIntrospection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Token introspection, RFC 7662: a form with {@code token} (and an optional
 * {@code token_type_hint}, which is not needed: the token's shape tells its kind). The bearer filter
 * has checked that the caller may introspect. An inactive token answers {@code {"active": false}}
 * and nothing else.
 */
@Tag(name = "OAuth", description = "Standard token endpoints: revocation and introspection")
@RestController
public class IntrospectionController {

    public static final String PATH = "/api/v1/oauth/introspect";

    private final QueryGateway queries;

    public IntrospectionController(QueryGateway queries) {
        this.queries = queries;
    }

    @Operation(summary = "Introspect a token (RFC 7662)",
            description = "Form fields token and optional token_type_hint; the caller's Bearer token needs role admin "
                    + "or introspector. An access token is active by the same rule as GET /api/v1/me (session, token "
                    + "versions, grace); a refresh token while it is its session's current one, and introspecting it "
                    + "does not rotate it. Anything else is {\"active\": false}.",
            security = @SecurityRequirement(name = "bearer"))
    @ApiResponse(responseCode = "200", description = "{active: true, token_type, sub, sid, iss, aud, exp, iat, roles, "
            + "email, amr} or {active: false}")
    @ApiResponse(responseCode = "400", description = "invalid_request: the token field is missing or blank")
    @ApiResponse(responseCode = "401", description = "invalid_token: no caller with role admin or introspector")
    @PostMapping(path = PATH, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    public ResponseEntity<Map<String, Object>> introspect(@RequestParam("token") String token,
            @RequestParam(name = "token_type_hint", required = false) String tokenTypeHint) {
        if (token.isBlank()) {
            throw new RotorException(ErrorCode.INVALID_REQUEST, "token: required");
        }
        TokenIntrospection answer = queries.query(new IntrospectTokenQuery(token),
                ResponseTypes.instanceOf(TokenIntrospection.class)).join();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("active", answer != null && answer.active());
        if (answer != null && answer.active()) {
            body.put("token_type", answer.tokenType());
            body.put("sub", answer.subject());
            body.put("sid", answer.sessionId());
            body.put("iss", answer.issuer());
            body.put("aud", answer.audience());
            body.put("exp", answer.expiresAt().getEpochSecond());
            body.put("iat", answer.issuedAt().getEpochSecond());
            body.put("roles", answer.roles());
            body.put("email", answer.email());
            body.put("amr", answer.amr());
        }
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
    }
}
