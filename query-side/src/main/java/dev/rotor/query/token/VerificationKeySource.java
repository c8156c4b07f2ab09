package dev.rotor.query.token;

import com.nimbusds.jose.jwk.ECKey;
import java.util.Optional;

/** Public keys that may have signed a live access token, by {@code kid}. Implemented by the app's key store. */
public interface VerificationKeySource {

    Optional<ECKey> publicKey(String keyId);
}
