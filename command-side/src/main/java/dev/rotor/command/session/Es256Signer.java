package dev.rotor.command.session;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.Base64URL;
import java.math.BigInteger;
import java.util.Set;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.util.BigIntegers;

/**
 * ES256 signatures straight from BouncyCastle's P-256 arithmetic, with the key's domain parameters
 * made once. Through the JCA every signature converted the key and its curve again, and so lost
 * the precomputed multiples of the generator that make a signature cheap: half of a refresh's CPU
 * time went into recomputing them. The nonce is derived from the key and the message (RFC 6979), so
 * no signature depends on the quality of a random source, and {@code s} is always in the lower half
 * of the group order, the one form Rotor's verifier accepts.
 */
final class Es256Signer implements JWSSigner {

    private static final X9ECParameters P256 = CustomNamedCurves.getByName("secp256r1");
    private static final ECDomainParameters DOMAIN =
            new ECDomainParameters(P256.getCurve(), P256.getG(), P256.getN(), P256.getH());
    private static final BigInteger HALF_ORDER = P256.getN().shiftRight(1);
    private static final int SCALAR_LENGTH = 32;

    private final ECPrivateKeyParameters key;
    private final JCAContext jca = new JCAContext();

    Es256Signer(ECKey key) throws JOSEException {
        if (!Curve.P_256.equals(key.getCurve()) || !key.isPrivate()) {
            throw new JOSEException("ES256 needs a private P-256 key");
        }
        this.key = new ECPrivateKeyParameters(key.getD().decodeToBigInteger(), DOMAIN);
    }

    @Override
    public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
        if (!JWSAlgorithm.ES256.equals(header.getAlgorithm())) {
            throw new JOSEException("only ES256 is signed here");
        }
        return Base64URL.encode(sign(signingInput));
    }

    /** The ES256 signature of {@code signingInput} as JWS carries it: r and s, 32 bytes each, s low. */
    byte[] sign(byte[] signingInput) {
        SHA256Digest sha256 = new SHA256Digest();
        byte[] digest = new byte[sha256.getDigestSize()];
        sha256.update(signingInput, 0, signingInput.length);
        sha256.doFinal(digest, 0);
        ECDSASigner ecdsa = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
        ecdsa.init(true, key);
        BigInteger[] rs = ecdsa.generateSignature(digest);
        BigInteger s = rs[1].compareTo(HALF_ORDER) > 0 ? P256.getN().subtract(rs[1]) : rs[1];
        byte[] signature = new byte[2 * SCALAR_LENGTH];
        BigIntegers.asUnsignedByteArray(rs[0], signature, 0, SCALAR_LENGTH);
        BigIntegers.asUnsignedByteArray(s, signature, SCALAR_LENGTH, SCALAR_LENGTH);
        return signature;
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
