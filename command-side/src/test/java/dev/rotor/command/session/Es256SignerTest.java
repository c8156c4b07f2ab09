package dev.rotor.command.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECPublicKeySpec;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECPrivateKeySpec;
import java.util.Arrays;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;

class Es256SignerTest {

    private static final BigInteger ORDER = Curve.P_256.toECParameterSpec().getOrder();
    private static final JWSHeader ES256 = new JWSHeader(JWSAlgorithm.ES256);

    /** RFC 6979, A.2.5: P-256 with SHA-256, message "sample". */
    @Test
    void signsTheDeterministicSignatureOfRfc6979InItsLowSForm() throws Exception {
        BigInteger x = new BigInteger("C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721", 16);
        BigInteger r = new BigInteger("EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716", 16);
        BigInteger s = new BigInteger("F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8", 16);
        ECPrivateKey privateKey = (ECPrivateKey) KeyFactory.getInstance("EC")
                .generatePrivate(new ECPrivateKeySpec(x, Curve.P_256.toECParameterSpec()));
        ECKey key = new ECKey.Builder(Curve.P_256, publicKeyOf(x)).privateKey(privateKey).build();

        byte[] signature = new Es256Signer(key).sign(ES256, "sample".getBytes(StandardCharsets.US_ASCII)).decode();

        assertThat(new BigInteger(1, Arrays.copyOfRange(signature, 0, 32))).isEqualTo(r);
        assertThat(s).as("the RFC's s is high").isGreaterThan(ORDER.shiftRight(1));
        assertThat(new BigInteger(1, Arrays.copyOfRange(signature, 32, 64))).isEqualTo(ORDER.subtract(s));
    }

    @Test
    void itsSignaturesVerifyWithTheJdksOwnEcdsa() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).generate();
        Es256Signer signer = new Es256Signer(key);
        ECDSAVerifier jdk = new ECDSAVerifier(key.toPublicJWK());

        for (int i = 0; i < 32; i++) {
            byte[] input = ("header.payload-" + i).getBytes(StandardCharsets.US_ASCII);
            Base64URL signature = signer.sign(ES256, input);
            assertThat(signature.decode()).hasSize(64);
            assertThat(jdk.verify(ES256, input, signature)).as("signature %d", i).isTrue();
            assertThat(jdk.verify(ES256, ("other-" + i).getBytes(StandardCharsets.US_ASCII), signature)).isFalse();
        }
    }

    @Test
    void refusesOtherAlgorithmsAndKeysWithoutAPrivatePart() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).generate();

        assertThatThrownBy(() -> new Es256Signer(key).sign(new JWSHeader(JWSAlgorithm.ES384), new byte[1]))
                .isInstanceOf(JOSEException.class);
        assertThatThrownBy(() -> new Es256Signer(key.toPublicJWK())).isInstanceOf(JOSEException.class);
        assertThatThrownBy(() -> new Es256Signer(new ECKeyGenerator(Curve.P_384).generate()))
                .isInstanceOf(JOSEException.class);
    }

    private static ECPublicKey publicKeyOf(BigInteger x) throws Exception {
        X9ECParameters p256 = CustomNamedCurves.getByName("secp256r1");
        ECPoint q = p256.getG().multiply(x).normalize();
        return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(
                new java.security.spec.ECPoint(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger()),
                Curve.P_256.toECParameterSpec()));
    }
}
