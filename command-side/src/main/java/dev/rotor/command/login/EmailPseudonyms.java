package dev.rotor.command.login;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Names an email without an account by a keyed hash (HMAC-SHA256 under a key derived from the
 * server secret), so the event store keeps counting failed logins for it without ever holding the
 * email, and nobody without the secret can test an email list against it.
 */
public final class EmailPseudonyms {

    private static final String PREFIX = "unknown-email:";
    private final byte[] key;

    public EmailPseudonyms(byte[] serverSecret) {
        this.key = hmac(serverSecret, "rotor/unknown-email-pseudonym/v1".getBytes(StandardCharsets.UTF_8));
    }

    public String of(String normalizedEmail) {
        return PREFIX + HexFormat.of().formatHex(hmac(key, normalizedEmail.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
