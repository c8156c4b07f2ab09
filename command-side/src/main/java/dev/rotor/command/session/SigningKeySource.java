package dev.rotor.command.session;

import com.nimbusds.jose.jwk.ECKey;

/** The P-256 key that signs access tokens now. Implemented by the app module's key store. */
public interface SigningKeySource {

    ECKey currentSigningKey();
}
