package dev.rotor.query.token;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.math.BigInteger;
import java.text.ParseException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks an access token's signature and claims. A token that passed once is remembered (keyed by
 * its exact text), so the ECDSA verification is paid once per token, not once per request; its
 * expiry is still checked on every use, and the session behind it is checked by the caller.
 */
public class AccessTokenVerifier {

    public static final int MAX_TOKEN_LENGTH = 8192;
    private static final JOSEObjectType ACCESS_TOKEN_TYPE = new JOSEObjectType("at+jwt");
    /** ES256 in JWS form (RFC 7518 3.4): r and s as two 32-byte big-endian halves, no DER. */
    private static final int P1363_SIGNATURE_LENGTH = 64;
    private static final BigInteger P256_ORDER = Curve.P_256.toECParameterSpec().getOrder();
    private static final BigInteger P256_HALF_ORDER = P256_ORDER.shiftRight(1);
    private static final Base64.Decoder BASE64URL_DECODER = Base64.getUrlDecoder();
    private static final Base64.Encoder BASE64URL_ENCODER = Base64.getUrlEncoder().withoutPadding();

    /** The signed facts of a verified token. */
    public record VerifiedAccessToken(String userId, String sessionId, String email, List<String> roles,
                                      List<String> amr, Instant expiresAt, Instant issuedAt, List<String> audience) {
    }

    /** Why a token was refused; for logs and metrics, never shown beyond {@code invalid_token}. */
    public static final class RejectedTokenException extends Exception {
        public RejectedTokenException(String reason) {
            super(reason, null, false, false);
        }
    }

    private final VerificationKeySource keys;
    private final TokenVerificationProperties properties;
    private final Cache<String, VerifiedAccessToken> verified;
    private final Map<String, JWSVerifier> verifiers = new ConcurrentHashMap<>();

    public AccessTokenVerifier(VerificationKeySource keys, TokenVerificationProperties properties) {
        this.keys = keys;
        this.properties = properties;
        this.verified = Caffeine.newBuilder()
                .maximumSize(properties.verifiedTokenCacheSize())
                .expireAfterWrite(properties.accessTokenTtl().plus(properties.clockSkew()))
                .build();
    }

    public VerifiedAccessToken verify(String token, Instant now) throws RejectedTokenException {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            throw new RejectedTokenException("malformed");
        }
        VerifiedAccessToken known = verified.getIfPresent(token);
        if (known == null) {
            known = verifySignatureAndClaims(token, now);
            verified.put(token, known);
        }
        if (now.isAfter(known.expiresAt().plus(properties.clockSkew()))) {
            throw new RejectedTokenException("expired");
        }
        return known;
    }

    private VerifiedAccessToken verifySignatureAndClaims(String token, Instant now) throws RejectedTokenException {
        if (!isCanonicalCompactJws(token)) {
            throw new RejectedTokenException("malformed");
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new RejectedTokenException("malformed");
        }
        JWSHeader header = jwt.getHeader();
        if (!JWSAlgorithm.ES256.equals(header.getAlgorithm())) {
            throw new RejectedTokenException("algorithm");
        }
        if (!ACCESS_TOKEN_TYPE.equals(header.getType())) {
            throw new RejectedTokenException("type");
        }
        if (header.getKeyID() == null) {
            throw new RejectedTokenException("unknown key");
        }
        JWSVerifier verifier = verifierFor(header.getKeyID());
        if (!verifyEs256(verifier, header, jwt.getSigningInput(), jwt.getSignature().decode())) {
            throw new RejectedTokenException("signature");
        }
        if (!properties.issuer().equals(claims.getIssuer())) {
            throw new RejectedTokenException("issuer");
        }
        if (claims.getAudience() == null || !claims.getAudience().contains(properties.audience())) {
            throw new RejectedTokenException("audience");
        }
        Date exp = claims.getExpirationTime();
        Date iat = claims.getIssueTime();
        if (exp == null || iat == null) {
            throw new RejectedTokenException("missing time claims");
        }
        if (iat.toInstant().isAfter(now.plus(properties.clockSkew()))) {
            throw new RejectedTokenException("issued in the future");
        }
        try {
            String sessionId = claims.getStringClaim("sid");
            String subject = claims.getSubject();
            if (sessionId == null || subject == null) {
                throw new RejectedTokenException("missing sid or sub");
            }
            List<String> roles = claims.getStringListClaim("roles");
            List<String> amr = claims.getStringListClaim("amr");
            return new VerifiedAccessToken(subject, sessionId, claims.getStringClaim("email"),
                    roles == null ? List.of() : List.copyOf(roles), amr == null ? List.of() : List.copyOf(amr),
                    exp.toInstant(), iat.toInstant(), List.copyOf(claims.getAudience()));
        } catch (ParseException e) {
            throw new RejectedTokenException("malformed claims");
        }
    }

    private JWSVerifier verifierFor(String keyId) throws RejectedTokenException {
        JWSVerifier cached = verifiers.get(keyId);
        if (cached != null) {
            return cached;
        }
        ECKey key = keys.publicKey(keyId).orElseThrow(() -> new RejectedTokenException("unknown key"));
        try {
            JWSVerifier verifier = es256Verifier(key);
            verifiers.put(keyId, verifier);
            return verifier;
        } catch (JOSEException e) {
            throw new RejectedTokenException("unusable key");
        }
    }

    /**
     * Three parts, each the canonical unpadded base64url of its bytes. The JOSE library's decoder is
     * lenient (padding, the {@code +/} alphabet, stray characters and non-zero spare bits all decode),
     * so without this one signed token would have many accepted texts.
     */
    static boolean isCanonicalCompactJws(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return false;
        }
        for (String part : parts) {
            try {
                if (!BASE64URL_ENCODER.encodeToString(BASE64URL_DECODER.decode(part)).equals(part)) {
                    return false;
                }
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        return true;
    }

    /** The verifier of one public key, as every access token check runs it. */
    static JWSVerifier es256Verifier(ECKey key) throws JOSEException {
        return new Es256Verifier(key.toPublicJWK());
    }

    /**
     * The signature rule of every access token, apart from the JWT around it so that test vectors
     * can be run through it: a 64-byte P1363 signature with {@code 0 < r < n} and
     * {@code 0 < s <= n/2}, valid for ES256 over {@code signingInput}. The low-S rule makes the
     * signature of a token unique: ECDSA also accepts {@code (r, n - s)}, which would be a second
     * text for one token (and a second entry in the verified-token cache); Rotor issues low-S only.
     * The zero check repeats the library's own (CVE-2022-21449) on purpose.
     */
    static boolean verifyEs256(JWSVerifier verifier, JWSHeader header, byte[] signingInput, byte[] signature) {
        if (signature == null || signature.length != P1363_SIGNATURE_LENGTH) {
            return false;
        }
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(signature, 0, P1363_SIGNATURE_LENGTH / 2));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, P1363_SIGNATURE_LENGTH / 2, P1363_SIGNATURE_LENGTH));
        if (r.signum() == 0 || r.compareTo(P256_ORDER) >= 0 || s.signum() == 0 || s.compareTo(P256_HALF_ORDER) > 0) {
            return false;
        }
        try {
            return verifier.verify(header, signingInput, Base64URL.encode(signature));
        } catch (JOSEException | RuntimeException e) {
            return false;
        }
    }
}
