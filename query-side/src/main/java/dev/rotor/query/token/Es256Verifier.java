package dev.rotor.query.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.Base64URL;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Set;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.math.ec.ECPoint;

/**
 * ES256 verification straight from BouncyCastle's P-256 arithmetic, for one public key whose point
 * is decoded and checked once: the multiples of the key that verification precomputes stay with it,
 * where the JCA converted the key again for every token. Answers only whether the signature holds;
 * the form rules of Rotor's tokens (length, ranges, low S) are {@link AccessTokenVerifier}'s.
 */
final class Es256Verifier implements JWSVerifier {

    private static final X9ECParameters P256 = CustomNamedCurves.getByName("secp256r1");
    private static final ECDomainParameters DOMAIN =
            new ECDomainParameters(P256.getCurve(), P256.getG(), P256.getN(), P256.getH());
    private static final int SCALAR_LENGTH = 32;

    private final ECPublicKeyParameters key;
    private final JCAContext jca = new JCAContext();

    /** @throws JOSEException unless {@code key} is a P-256 key whose point lies on the curve */
    Es256Verifier(ECKey key) throws JOSEException {
        if (!Curve.P_256.equals(key.getCurve())) {
            throw new JOSEException("ES256 needs a P-256 key");
        }
        try {
            ECPoint point = DOMAIN.getCurve().createPoint(key.getX().decodeToBigInteger(), key.getY().decodeToBigInteger());
            this.key = new ECPublicKeyParameters(DOMAIN.validatePublicPoint(point), DOMAIN);
        } catch (IllegalArgumentException notOnTheCurve) {
            throw new JOSEException("not a valid P-256 public key");
        }
    }

    @Override
    public boolean verify(JWSHeader header, byte[] signingInput, Base64URL signature) {
        byte[] rs = signature == null ? null : signature.decode();
        if (!JWSAlgorithm.ES256.equals(header.getAlgorithm()) || rs == null || rs.length != 2 * SCALAR_LENGTH) {
            return false;
        }
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(rs, 0, SCALAR_LENGTH));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(rs, SCALAR_LENGTH, 2 * SCALAR_LENGTH));
        if (r.signum() == 0 || s.signum() == 0 || r.compareTo(DOMAIN.getN()) >= 0 || s.compareTo(DOMAIN.getN()) >= 0) {
            return false;
        }
        SHA256Digest sha256 = new SHA256Digest();
        byte[] digest = new byte[sha256.getDigestSize()];
        sha256.update(signingInput, 0, signingInput.length);
        sha256.doFinal(digest, 0);
        ECDSASigner ecdsa = new ECDSASigner();
        ecdsa.init(false, key);
        return ecdsa.verifySignature(digest, r, s);
    }

    @Override
    public Set<JWSAlgorithm> supportedJWSAlgorithms() {
        return Set.of(JWSAlgorithm.ES256);
    }

    @Override
    public JCAContext getJCAContext() {
        return jca;
    }
}
