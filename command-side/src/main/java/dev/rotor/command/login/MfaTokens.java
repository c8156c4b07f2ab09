package dev.rotor.command.login;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code mfa_token} a right password answers for a user with MFA: the user id and 256 random
 * bits, base64url. Only its SHA-256 is stored (in the account's challenge event); it is good for
 * one second-factor attempt within five minutes, and it is no JWT, so the bearer filter refuses it.
 */
final class MfaTokens {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    /** A token of the user, and the user it routes to. */
    record Parsed(String userId, String hash) {
    }

    private MfaTokens() {
    }

    static String newToken(String userId) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        return ENCODER.encodeToString(userId.getBytes(StandardCharsets.UTF_8)) + "." + ENCODER.encodeToString(random);
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Optional<Parsed> parse(String token) {
        if (token == null || token.length() > 200) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || !token.substring(dot + 1).matches("[A-Za-z0-9_-]{43}")) {
            return Optional.empty();
        }
        try {
            String userId = new String(Base64.getUrlDecoder().decode(token.substring(0, dot)), StandardCharsets.UTF_8);
            UUID.fromString(userId);
            return Optional.of(new Parsed(userId, hash(token)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
