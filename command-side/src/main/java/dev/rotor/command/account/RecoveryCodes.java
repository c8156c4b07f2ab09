package dev.rotor.command.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Single-use recovery codes: 80 random bits each, shown as four groups of four base32 characters,
 * stored only as the SHA-256 of their canonical form (upper case, no separators). 80 bits make
 * an unsalted fast hash safe: there is nothing to guess from.
 */
public final class RecoveryCodes {

    public static final int COUNT = 10;
    private static final SecureRandom RANDOM = new SecureRandom();

    private RecoveryCodes() {
    }

    public static List<String> generate() {
        List<String> codes = new ArrayList<>(COUNT);
        for (int i = 0; i < COUNT; i++) {
            byte[] bytes = new byte[10];
            RANDOM.nextBytes(bytes);
            String text = Totp.base32(bytes);
            codes.add(text.substring(0, 4) + "-" + text.substring(4, 8) + "-" + text.substring(8, 12) + "-"
                    + text.substring(12, 16));
        }
        return codes;
    }

    /** Whether {@code code} could be a recovery code (and not a TOTP code). */
    public static boolean looksLikeOne(String code) {
        return code != null && canonical(code).matches("[A-Z2-7]{16}");
    }

    public static String hash(String code) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical(code).getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String canonical(String code) {
        return code.replace("-", "").replace(" ", "").toUpperCase(Locale.ROOT);
    }
}
