package dev.rotor.app.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import dev.rotor.command.web.RevocationController;
import dev.rotor.query.web.IntrospectionController;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Discovery metadata (OpenID Connect Discovery 1.0 / RFC 8414): enough for a resource server given
 * only the issuer (Spring Security's {@code issuer-uri}) to find the keys, the introspection and the
 * revocation endpoint. Every address is built from the configured issuer, which equals the tokens'
 * {@code iss}: that is the address clients know Rotor by, whatever host or proxy serves this request.
 */
@Tag(name = "Discovery", description = "What resource servers need to check tokens themselves")
@RestController
public class DiscoveryController {

    public static final String PATH = "/.well-known/openid-configuration";

    private final Map<String, Object> metadata;

    public DiscoveryController(@Value("${rotor.token.issuer}") String issuer) {
        String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("issuer", issuer);
        m.put("jwks_uri", base + "/.well-known/jwks.json");
        m.put("introspection_endpoint", base + IntrospectionController.PATH);
        m.put("revocation_endpoint", base + RevocationController.PATH);
        m.put("revocation_endpoint_auth_methods_supported", List.of("none"));
        m.put("id_token_signing_alg_values_supported", List.of("ES256"));
        m.put("subject_types_supported", List.of("public"));
        m.put("claims_supported", List.of("iss", "sub", "aud", "iat", "exp", "jti", "sid", "amr", "roles", "email",
                "ver"));
        this.metadata = Collections.unmodifiableMap(m);
    }

    @Operation(summary = "Discovery metadata (OpenID Connect Discovery, RFC 8414)",
            description = "issuer (equal to the tokens' iss), jwks_uri, introspection_endpoint, revocation_endpoint "
                    + "and the supported algorithms: enough for a resource server configured with only the issuer.")
    @ApiResponse(responseCode = "200", description = "The metadata")
    @GetMapping(value = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Map<String, Object>> configuration() {
        return ResponseEntity.ok()
                .cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
                .body(metadata);
    }
}
