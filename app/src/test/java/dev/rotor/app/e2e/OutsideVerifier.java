package dev.rotor.app.e2e;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A resource server that knows only Rotor's JWKS, as resource servers use it: fetched once and
 * cached, fetched again only when a token names a {@code kid} the cached set does not have. It
 * checks the ES256 signature and {@code typ: at+jwt}, nothing of Rotor's own.
 */
public final class OutsideVerifier {

    private static final JOSEObjectType ACCESS_TOKEN = new JOSEObjectType("at+jwt");

    private final RotorClient client;
    private final AtomicInteger fetches = new AtomicInteger();
    private volatile JWKSet cached;

    public OutsideVerifier(RotorClient client) {
        this.client = client;
    }

    /** Why {@code token} does not verify, or {@code null} when it does. */
    public String problemWith(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm())) {
                return "alg " + jwt.getHeader().getAlgorithm();
            }
            if (!ACCESS_TOKEN.equals(jwt.getHeader().getType())) {
                return "typ " + jwt.getHeader().getType();
            }
            String kid = jwt.getHeader().getKeyID();
            JWK key = cached == null ? null : cached.getKeyByKeyId(kid);
            if (key == null) {
                cached = fetch();
                key = cached.getKeyByKeyId(kid);
            }
            if (key == null) {
                return "kid " + kid + " is not in the JWKS";
            }
            return jwt.verify(new ECDSAVerifier(key.toECKey())) ? null : "signature does not verify with " + kid;
        } catch (ParseException | JOSEException e) {
            return e.toString();
        }
    }

    /** How often the JWKS was fetched. */
    public int fetches() {
        return fetches.get();
    }

    private synchronized JWKSet fetch() throws ParseException {
        fetches.incrementAndGet();
        RotorClient.Response response = client.get("/.well-known/jwks.json", null);
        if (response.status() != 200) {
            throw new IllegalStateException("JWKS answered " + response.status());
        }
        return JWKSet.parse(response.body());
    }
}
