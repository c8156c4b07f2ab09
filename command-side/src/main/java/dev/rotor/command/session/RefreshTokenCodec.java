package dev.rotor.command.session;

import dev.rotor.kernel.session.RefreshTokens;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Refresh tokens: 32 random bytes as unpadded base64url (43 characters). Only {@link #hash} of a
 * token is ever stored (defined in {@link RefreshTokens}, which the query side shares). The
 * successor of a token is HMAC-SHA256 of it under a server secret, so the same successor can be
 * derived again for a client that races or lost the response, without keeping any token in clear.
 */
public class RefreshTokenCodec {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final SecureRandom random = new SecureRandom();
    private final SecretKeySpec derivationKey;
    private final ThreadLocal<Mac> macs;

    public RefreshTokenCodec(byte[] derivationSecret) {
        if (derivationSecret == null || derivationSecret.length < 32) {
            throw new IllegalArgumentException("the refresh token derivation secret needs at least 32 bytes");
        }
        this.derivationKey = new SecretKeySpec(derivationSecret.clone(), "HmacSHA256");
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    public String generate() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }

    public String successorOf(String token) {
        return ENCODER.encodeToString(macs.get().doFinal(token.getBytes(StandardCharsets.US_ASCII)));
    }

    public String hash(String token) {
        return RefreshTokens.hash(token);
    }

    public static boolean isWellFormed(String token) {
        return RefreshTokens.isWellFormed(token);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(derivationKey);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
