package dev.rotor.query.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.rotor.query.token.AccessTokenVerifier.RejectedTokenException;
import dev.rotor.query.token.AccessTokenVerifier.VerifiedAccessToken;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The signature and claim checks of {@link AccessTokenVerifier} with a key made here, for what an
 * outside attacker cannot produce (a token signed by the right key with one thing wrong). The
 * forgeries an attacker can make are run against a real server in {@code ForgedTokenE2ETest}.
 */
class AccessTokenVerifierTest {

    private static final String ISSUER = "http://rotor.test";
    private static final String AUDIENCE = "rotor";
    private static final Duration SKEW = Duration.ofSeconds(30);
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final BigInteger ORDER = Es256TestSigner.P256_ORDER;

    private final ECKey key = generateKey();
    private final AccessTokenVerifier verifier = new AccessTokenVerifier(
            kid -> kid.equals(key.getKeyID()) ? Optional.of(key.toPublicJWK()) : Optional.empty(),
            new TokenVerificationProperties(ISSUER, AUDIENCE, Duration.ofMinutes(15), SKEW, 1000));

    @Test
    void aTokenWithEverythingRightIsAccepted() throws Exception {
        VerifiedAccessToken token = verifier.verify(sign(claims(NOW)), NOW);

        assertThat(token.userId()).isEqualTo("user-1");
        assertThat(token.sessionId()).isEqualTo("session-1");
        assertThat(token.roles()).containsExactly("user");
    }

    @Test
    void anExpiredTokenIsRefusedBeyondTheSkewOnly() throws Exception {
        String expired = sign(claims(NOW.minusSeconds(900)).expirationTime(Date.from(NOW.minusSeconds(31))));
        String withinSkew = sign(claims(NOW.minusSeconds(900)).expirationTime(Date.from(NOW.minusSeconds(29))));

        assertRefused(expired, "expired");
        assertThat(verifier.verify(withinSkew, NOW).userId()).isEqualTo("user-1");
    }

    @Test
    void aRememberedTokenIsStillRefusedOnceItExpires() throws Exception {
        String token = sign(claims(NOW));
        verifier.verify(token, NOW);

        assertThatThrownBy(() -> verifier.verify(token, NOW.plusSeconds(900).plus(SKEW).plusSeconds(1)))
                .isInstanceOf(RejectedTokenException.class).hasMessage("expired");
    }

    @Test
    void aTokenIssuedInTheFutureIsRefusedBeyondTheSkewOnly() throws Exception {
        String future = sign(claims(NOW.plusSeconds(31)));
        String withinSkew = sign(claims(NOW.plusSeconds(29)));

        assertRefused(future, "issued in the future");
        assertThat(verifier.verify(withinSkew, NOW).userId()).isEqualTo("user-1");
    }

    @Test
    void missingTimeClaimsAreRefused() throws Exception {
        assertRefused(sign(claims(NOW).expirationTime(null)), "missing time claims");
        assertRefused(sign(claims(NOW).issueTime(null)), "missing time claims");
    }

    @Test
    void aWrongIssuerIsRefused() throws Exception {
        assertRefused(sign(claims(NOW).issuer("http://evil.test")), "issuer");
        assertRefused(sign(claims(NOW).issuer(null)), "issuer");
    }

    @Test
    void aWrongAudienceIsRefused() throws Exception {
        assertRefused(sign(claims(NOW).audience("other-service")), "audience");
        assertRefused(sign(claims(NOW).audience((String) null)), "audience");
    }

    @Test
    void aTokenWithoutSessionOrSubjectIsRefused() throws Exception {
        assertRefused(sign(claims(NOW).claim("sid", null)), "missing sid or sub");
        assertRefused(sign(claims(NOW).subject(null)), "missing sid or sub");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"JWT", "jwt", "mfa+jwt", "at+jwt ", "at+jwt; charset=x"})
    void aTokenOfAnotherTypeIsRefusedEvenWhenRightlySigned(String type) throws Exception {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID())
                .type(type == null ? null : new JOSEObjectType(type)).build();

        assertRefused(sign(header, claims(NOW).build()), "type");
    }

    @Test
    void aKeyIdOtherThanRotorsIsRefusedEvenWhenTheSignatureIsRight() throws Exception {
        for (String kid : List.of("unknown-" + UUID.randomUUID(), "../../x", "' or 1=1 --", "")) {
            assertRefused(sign(header(b -> b.keyID(kid)), claims(NOW).build()), "unknown key");
        }
        assertRefused(sign(header(b -> b.keyID(null)), claims(NOW).build()), "unknown key");
    }

    @Test
    void anEmbeddedKeyIsNeverTrusted() throws Exception {
        ECKey attacker = generateKey();
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("at+jwt"))
                .keyID(key.getKeyID()).jwk(attacker.toPublicJWK()).build();

        assertRefused(sign(attacker, header, claims(NOW).build()), "signature");
    }

    @Test
    void theHighSTwinOfAValidSignatureIsRefused() throws Exception {
        String lowS = sign(claims(NOW));
        verifier.verify(lowS, NOW);
        String highS = Es256TestSigner.withS(lowS, s -> ORDER.subtract(s));

        assertThat(highS).isNotEqualTo(lowS);
        assertRefused(highS, "signature");
        assertThat(verifier.verify(lowS, NOW).userId()).as("the genuine token is unharmed").isEqualTo("user-1");
    }

    @Test
    void zeroSignaturesAreRefused() throws Exception {
        String token = sign(claims(NOW));
        String signingInput = token.substring(0, token.lastIndexOf('.'));

        assertRefused(signingInput + "." + Base64URL.encode(new byte[64]), "signature");
        assertRefused(signingInput + ".", "malformed");
    }

    @Test
    void onlyTheCanonicalBase64urlTextOfATokenIsAccepted() throws Exception {
        String token = sign(claims(NOW).claim("email", "~~~???>>>@example.com"));
        verifier.verify(token, NOW);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        int last = alphabet.indexOf(token.charAt(token.length() - 1));
        List<String> respellings = List.of(
                token + "==",
                token.replace('-', '+').replace('_', '/'),
                token + "\u00e9",
                token.substring(0, 10) + "*" + token.substring(10),
                token.substring(0, token.length() - 1) + alphabet.charAt(last ^ 1),
                token.replace(".", "=."));

        assertThat(token).containsAnyOf("-", "_");
        for (String respelled : respellings) {
            assertThat(respelled).isNotEqualTo(token);
            assertRefused(respelled, "malformed");
        }
    }

    private void assertRefused(String token, String reason) {
        assertThatThrownBy(() -> verifier.verify(token, NOW)).isInstanceOf(RejectedTokenException.class)
                .hasMessage(reason);
    }

    private JWTClaimsSet.Builder claims(Instant issuedAt) {
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject("user-1")
                .audience(AUDIENCE)
                .issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(issuedAt.plusSeconds(900)))
                .jwtID(UUID.randomUUID().toString())
                .claim("sid", "session-1")
                .claim("roles", List.of("user"))
                .claim("amr", List.of("pwd"))
                .claim("email", "u@example.com");
    }

    private JWSHeader header(UnaryOperator<JWSHeader.Builder> change) {
        return change.apply(new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("at+jwt"))).build();
    }

    private String sign(JWTClaimsSet.Builder claims) {
        return sign(header(b -> b.keyID(key.getKeyID())), claims.build());
    }

    private String sign(JWSHeader header, JWTClaimsSet claims) {
        return sign(key, header, claims);
    }

    private static String sign(ECKey signingKey, JWSHeader header, JWTClaimsSet claims) {
        return Es256TestSigner.sign(signingKey, header, claims);
    }

    private static ECKey generateKey() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString()).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
