package dev.rotor.app.web;

import dev.rotor.app.keys.KeyStore;
import java.time.Duration;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** RFC 7517 key set with every public key that may have signed a live access token. */
@RestController
public class JwksController {

    private final KeyStore keys;

    public JwksController(KeyStore keys) {
        this.keys = keys;
    }

    @GetMapping(value = "/.well-known/jwks.json", produces = {"application/jwk-set+json", "application/json"})
    public ResponseEntity<Map<String, Object>> jwks() {
        return ResponseEntity.ok()
                .cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
                .body(keys.publicKeys().toJSONObject(true));
    }
}
