package dev.rotor.app.web;

import dev.rotor.app.keys.KeyStore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** RFC 7517 key set with every public key that may have signed a live access token. */
@RestController
@Tag(name = "Discovery", description = "What resource servers need to check tokens themselves")
public class JwksController {

    private final KeyStore keys;

    public JwksController(KeyStore keys) {
        this.keys = keys;
    }

    @Operation(summary = "JSON Web Key Set", description = "RFC 7517: every public key that may have signed a live "
            + "access token (ES256, P-256).")
    @ApiResponse(responseCode = "200", description = "The key set")
    @GetMapping(value = "/.well-known/jwks.json", produces = {"application/jwk-set+json", "application/json"})
    public ResponseEntity<byte[]> jwks() {
        return ResponseEntity.ok()
                .cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
                .body(keys.publicKeysJson());
    }
}
