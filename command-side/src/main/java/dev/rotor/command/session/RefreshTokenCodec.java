package dev.rotor.command.session;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Refresh tokens: 32 random bytes as unpadded base64url (43 characters). Only {@link #hash} of a
 * token is ever stored. The successor of a token is HMAC-SHA256 of it under a server secret, so
 * the same successor can be derived again for a client that races or lost the response, without
 * keeping any token in clear.
 */
public class RefreshTokenCodec {

    private static final int TOKEN_LENGTH = 43;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final SecureRandom random = new SecureRandom();
    private final SecretKeySpec derivationKey;
    private final ThreadLocal<Mac> macs;
    private final ThreadLocal<MessageDigest> digests = ThreadLocal.withInitial(RefreshTokenCodec::sha256);

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
        return HexFormat.of().formatHex(digests.get().digest(token.getBytes(StandardCharsets.US_ASCII)));
    }

    public static boolean isWellFormed(String token) {
        if (token == null || token.length() != TOKEN_LENGTH) {
            return false;
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!ok) {
                return false;
            }
        }
        return true;
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

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
