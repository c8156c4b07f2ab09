package dev.rotor.query.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import org.bouncycastle.util.BigIntegers;

/**
 * Signs test tokens the way Rotor's issuer does: ES256, signature in low-S form (the JCA signer
 * alone returns high-S about half the time, which {@link AccessTokenVerifier} refuses).
 */
public final class Es256TestSigner {

    public static final BigInteger P256_ORDER = Curve.P_256.toECParameterSpec().getOrder();

    private Es256TestSigner() {
    }

    public static String sign(ECKey signingKey, JWSHeader header, JWTClaimsSet claims) {
        String signingInput = header.toBase64URL() + "." + Base64URL.encode(claims.toString());
        try {
            Base64URL signature = new ECDSASigner(signingKey).sign(header,
                    signingInput.getBytes(StandardCharsets.US_ASCII));
            return withS(signingInput + "." + signature,
                    s -> s.compareTo(P256_ORDER.shiftRight(1)) > 0 ? P256_ORDER.subtract(s) : s);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The token with the {@code s} half of its P1363 signature replaced by {@code change(s)}. */
    public static String withS(String token, UnaryOperator<BigInteger> change) {
        int dot = token.lastIndexOf('.');
        byte[] signature = Base64URL.from(token.substring(dot + 1)).decode();
        BigInteger s = change.apply(new BigInteger(1, Arrays.copyOfRange(signature, 32, 64)));
        System.arraycopy(BigIntegers.asUnsignedByteArray(32, s), 0, signature, 32, 32);
        return token.substring(0, dot + 1) + Base64URL.encode(signature);
    }
}
