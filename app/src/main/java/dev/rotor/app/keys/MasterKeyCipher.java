package dev.rotor.app.keys;

import dev.rotor.command.account.SecretCipher;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals secrets at rest with AES-256-GCM under the master key ({@code ROTOR_MASTER_KEY_FILE}).
 *
 * <p>Sealed form {@code v1}: {@code "v1:" + base64url-without-padding(nonce || ciphertext || tag)},
 * with a random 96-bit nonce per seal and a 128-bit tag; the clear text is UTF-8. A purpose given
 * to {@link #seal(String, String)} is the GCM associated data (UTF-8): the value then opens only
 * for the same purpose, so a sealed secret moved to another place does not open. The two methods
 * of {@link SecretCipher} use no associated data. The format never changes silently: another
 * layout gets another version prefix, and this class refuses versions it does not know.
 *
 * <p>Random 96-bit nonces stay safe for about 2^32 seals under one key, far above what a token
 * service seals (a few keys, one secret per MFA enrolment).
 */
public final class MasterKeyCipher implements SecretCipher {

    /** The only sealed format this release writes and reads. */
    static final String FORMAT = "v1";
    static final int KEY_BYTES = 32;

    private static final String PREFIX = FORMAT + ":";
    private static final Pattern VERSIONED = Pattern.compile("^v[0-9]{1,4}:");
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    private final Path keyFile;
    private final String fingerprint;
    private final SecureRandom random = new SecureRandom();

    /** A cipher under {@code key} (32 bytes, copied), which was read from {@code keyFile}. */
    MasterKeyCipher(byte[] key, Path keyFile) {
        if (key == null || key.length != KEY_BYTES) {
            throw new IllegalArgumentException("the master key must be " + KEY_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(key, "AES");
        this.keyFile = Objects.requireNonNull(keyFile);
        this.fingerprint = fingerprintOf(this.key);
    }

    @Override
    public String seal(String clear) {
        return seal(clear, "");
    }

    @Override
    public String open(String sealed) {
        return open(sealed, "");
    }

    /** Seals {@code clear} for {@code purpose} (e.g. {@code "totp:<user id>"}); a different value every call. */
    public String seal(String clear, String purpose) {
        Objects.requireNonNull(clear, "clear");
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] plain = clear.getBytes(StandardCharsets.UTF_8);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, purpose);
            byte[] encrypted = cipher.doFinal(plain);
            byte[] sealed = new byte[NONCE_BYTES + encrypted.length];
            System.arraycopy(nonce, 0, sealed, 0, NONCE_BYTES);
            System.arraycopy(encrypted, 0, sealed, NONCE_BYTES, encrypted.length);
            return PREFIX + ENCODER.encodeToString(sealed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    /**
     * The clear text of a value {@link #seal(String, String)} produced for {@code purpose}.
     *
     * @throws IllegalArgumentException if it is not a sealed value, is in a format this release does
     *         not know, or does not open under this key and purpose (another key, another purpose, or
     *         altered). The message never contains the value.
     */
    public String open(String sealed, String purpose) {
        if (sealed == null || !sealed.startsWith(PREFIX)) {
            throw new IllegalArgumentException(isSealed(sealed)
                    ? "sealed in format '" + sealed.substring(0, sealed.indexOf(':')) + "', which this release cannot open"
                    : "not a sealed value");
        }
        byte[] bytes;
        try {
            bytes = DECODER.decode(sealed.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("sealed value is not valid base64url");
        }
        if (bytes.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new IllegalArgumentException("sealed value is too short");
        }
        byte[] plain = null;
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, Arrays.copyOf(bytes, NONCE_BYTES), purpose);
            plain = cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new IllegalArgumentException(
                    "sealed value does not open under this master key (another key, another purpose, or altered)");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        } finally {
            if (plain != null) {
                Arrays.fill(plain, (byte) 0);
            }
        }
    }

    /** Whether {@code value} has the form of a sealed value of any version ({@code v<n>:...}), as opposed to clear text. */
    public static boolean isSealed(String value) {
        return value != null && VERSIONED.matcher(value).lookingAt();
    }

    /** Whether {@code value} is sealed in the format this release reads. */
    static boolean isCurrentFormat(String value) {
        return value != null && value.startsWith(PREFIX);
    }

    /** The file the key was read from, for messages. */
    public Path keyFile() {
        return keyFile;
    }

    /**
     * A short, one-way fingerprint of the key (HMAC-SHA256 of a fixed label, 4 bytes in hex), so an
     * operator can compare the keys of several nodes without showing them.
     */
    public String fingerprint() {
        return fingerprint;
    }

    @Override
    public String toString() {
        return "MasterKeyCipher[AES-256-GCM " + FORMAT + ", key " + keyFile + ", fingerprint " + fingerprint + "]";
    }

    private Cipher cipher(int mode, byte[] nonce, String purpose) throws GeneralSecurityException {
        Objects.requireNonNull(purpose, "purpose");
        Cipher cipher = Cipher.getInstance(TRANSFORMATION);
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        if (!purpose.isEmpty()) {
            cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
        }
        return cipher;
    }

    private static String fingerprintOf(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
            byte[] digest = mac.doFinal("rotor master key fingerprint".getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
