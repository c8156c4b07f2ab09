package dev.rotor.command.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The issued access token's signature is in low-S form. The JCA signer returns a high-S signature
 * for about half of all tokens, and Rotor's verifier refuses those, so 64 tokens in a row pass only
 * if every one was normalised (by chance: 2^-64).
 */
class AccessTokenIssuerTest {

    private static final BigInteger ORDER = Curve.P_256.toECParameterSpec().getOrder();

    @Test
    void everyIssuedSignatureIsLowSAndStillVerifies() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).algorithm(JWSAlgorithm.ES256).keyID(UUID.randomUUID().toString())
                .generate();
        AccessTokenIssuer issuer = new AccessTokenIssuer(() -> key,
                new AccessTokenProperties("http://rotor.test", "rotor", Duration.ofMinutes(15)));
        ECDSAVerifier verifier = new ECDSAVerifier(key.toPublicJWK());

        for (int i = 0; i < 64; i++) {
            String token = issuer.issue("user-1", "u@example.com", List.of("user"), "session-1", List.of("pwd"), 1)
                    .token();
            SignedJWT jwt = SignedJWT.parse(token);
            byte[] signature = jwt.getSignature().decode();
            BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, 32, 64));

            assertThat(signature).hasSize(64);
            assertThat(s).as("s of token %d", i).isLessThanOrEqualTo(ORDER.shiftRight(1)).isPositive();
            assertThat(jwt.verify(verifier)).as("token %d verifies", i).isTrue();
        }
    }
}
