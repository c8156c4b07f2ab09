package dev.rotor.kernel.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The shape of a refresh token and the hash under which it is stored and looked up. Both sides
 * need it (the command side to issue and refresh, the query side to introspect), so it is defined
 * once here: plain SHA-256 from the JDK, no key and no crypto library.
 */
public final class RefreshTokens {

    /** 32 random bytes as unpadded base64url. */
    public static final int LENGTH = 43;

    private static final ThreadLocal<MessageDigest> DIGESTS = ThreadLocal.withInitial(RefreshTokens::sha256);

    private RefreshTokens() {
    }

    /** Lower-case hex SHA-256 of the token's characters: the only form in which a token is ever stored. */
    public static String hash(String token) {
        return HexFormat.of().formatHex(DIGESTS.get().digest(token.getBytes(StandardCharsets.US_ASCII)));
    }

    /** Exactly {@link #LENGTH} base64url characters. */
    public static boolean isWellFormed(String token) {
        if (token == null || token.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
                    || c == '_';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
