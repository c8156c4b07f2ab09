package dev.rotor.command.session;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bouncycastle.util.BigIntegers;
import org.springframework.stereotype.Component;

/** Signs ES256 access tokens with exactly the claims and header of API.md. */
@Component
public class AccessTokenIssuer {

    public static final JOSEObjectType ACCESS_TOKEN_TYPE = new JOSEObjectType("at+jwt");
    private static final BigInteger P256_ORDER = Curve.P_256.toECParameterSpec().getOrder();
    private static final BigInteger P256_HALF_ORDER = P256_ORDER.shiftRight(1);
    private static final int SCALAR_LENGTH = 32;

    private final SigningKeySource keys;
    private final AccessTokenProperties properties;
    private volatile SignerHolder signer;

    public AccessTokenIssuer(SigningKeySource keys, AccessTokenProperties properties) {
        this.keys = keys;
        this.properties = properties;
    }

    public record IssuedAccessToken(String token, Instant expiresAt, long expiresInSeconds) {
    }

    public IssuedAccessToken issue(String userId, String email, List<String> roles, String sessionId,
                                   List<String> amr, long userVersion) {
        Instant now = Instant.now();
        long ttl = properties.accessTokenTtl().toSeconds();
        Instant expiresAt = now.plusSeconds(ttl);
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(properties.issuer())
                .subject(userId)
                .audience(properties.audience())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(expiresAt))
                .jwtID(UUID.randomUUID().toString())
                .claim("sid", sessionId)
                .claim("amr", amr)
                .claim("roles", roles)
                .claim("email", email)
                .claim("ver", userVersion)
                .build();
        SignerHolder holder = signer();
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256)
                .type(ACCESS_TOKEN_TYPE)
                .keyID(holder.keyId())
                .build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(holder.signer());
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign access token", e);
        }
        return new IssuedAccessToken(withLowS(jwt), expiresAt, ttl);
    }

    /**
     * The signed token in compact form with its signature's {@code s} in the lower half of the
     * group order. ECDSA accepts {@code (r, s)} and {@code (r, n - s)} alike; Rotor's verifier takes
     * only the low-S one, so that a token has one text. {@link Es256Signer} already signs low-S;
     * this holds the rule for any signature, at the cost of a comparison.
     */
    static String withLowS(SignedJWT signed) {
        byte[] signature = signed.getSignature().decode();
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, SCALAR_LENGTH, 2 * SCALAR_LENGTH));
        if (s.compareTo(P256_HALF_ORDER) > 0) {
            byte[] low = BigIntegers.asUnsignedByteArray(SCALAR_LENGTH, P256_ORDER.subtract(s));
            System.arraycopy(low, 0, signature, SCALAR_LENGTH, SCALAR_LENGTH);
        }
        return new String(signed.getSigningInput(), StandardCharsets.US_ASCII) + "." + Base64URL.encode(signature);
    }

    private SignerHolder signer() {
        ECKey key = keys.currentSigningKey();
        SignerHolder current = signer;
        if (current == null || !current.keyId().equals(key.getKeyID())) {
            try {
                current = new SignerHolder(key.getKeyID(), new Es256Signer(key));
                signer = current;
            } catch (JOSEException e) {
                throw new IllegalStateException("unusable signing key", e);
            }
        }
        return current;
    }

    private record SignerHolder(String keyId, Es256Signer signer) {
    }
}
