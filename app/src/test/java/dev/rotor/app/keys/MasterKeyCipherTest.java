package dev.rotor.app.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rotor.command.account.SecretCipher;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** AES-256-GCM sealing under the master key, and the {@code v1} sealed format. */
class MasterKeyCipherTest {

    /** Bytes 0..31: the key of the hand-made fixtures below. */
    private static final byte[] FIXTURE_KEY = fixtureKey();

    private final MasterKeyCipher cipher = new MasterKeyCipher(randomKey(), Path.of("master.key"));

    @Test
    void openGivesBackWhatSealSealed() {
        for (String clear : new String[] {"", "JBSWY3DPEHPK3PXP", "ünïcode ✓ and \"quotes\"", "x".repeat(5000)}) {
            assertThat(cipher.open(cipher.seal(clear))).isEqualTo(clear);
            assertThat(cipher.open(cipher.seal(clear, "totp:42"), "totp:42")).isEqualTo(clear);
        }
    }

    @Test
    void sealingTheSameSecretTwiceGivesDifferentPrintableValues() {
        Set<String> sealed = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            String value = cipher.seal("JBSWY3DPEHPK3PXP");
            assertThat(value).matches("v1:[A-Za-z0-9_-]+").doesNotContain("JBSWY3DPEHPK3PXP");
            sealed.add(value);
        }
        assertThat(sealed).as("a fresh nonce every call").hasSize(100);
    }

    @Test
    void anotherKeyCannotOpen() {
        String sealed = cipher.seal("secret");
        MasterKeyCipher other = new MasterKeyCipher(randomKey(), Path.of("other.key"));
        assertThatThrownBy(() -> other.open(sealed)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not open under this master key");
    }

    @Test
    void anyChangedByteIsRefused() {
        String sealed = cipher.seal("secret");
        byte[] bytes = Base64.getUrlDecoder().decode(sealed.substring(3));
        // every byte of nonce, ciphertext and tag
        IntStream.range(0, bytes.length).forEach(i -> {
            byte[] tampered = bytes.clone();
            tampered[i] ^= 0x01;
            String value = "v1:" + Base64.getUrlEncoder().withoutPadding().encodeToString(tampered);
            assertThatThrownBy(() -> cipher.open(value)).as("byte %d", i).isInstanceOf(IllegalArgumentException.class);
        });
        String truncated = "v1:" + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(java.util.Arrays.copyOf(bytes, bytes.length - 1));
        assertThatThrownBy(() -> cipher.open(truncated)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aValueSealedForOnePurposeOpensForNoOther() {
        String signingKey = cipher.seal("private key", "rotor_key_material:access-token-signing-key");
        assertThatThrownBy(() -> cipher.open(signingKey, "rotor_key_material:refresh-token-derivation-secret"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cipher.open(signingKey)).as("not through SecretCipher's plain open either")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cipher.open(cipher.seal("totp secret"), "totp:42"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unknownVersionsAndClearTextAreRefused() {
        String body = cipher.seal("secret").substring(3);
        assertThatThrownBy(() -> cipher.open("v2:" + body)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'v2'");
        assertThatThrownBy(() -> cipher.open("V1:" + body)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cipher.open(body)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cipher.open("v1:not base64!")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cipher.open("{\"kty\":\"EC\",\"d\":\"x\"}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cipher.open(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theV1FormatStaysReadable() {
        // Written by hand with another AES-GCM implementation (Python's cryptography): nonce bytes
        // 100..111, then ciphertext and tag, base64url without padding. If this fails, the stored
        // form changed: give the new form a new version instead.
        MasterKeyCipher fixture = new MasterKeyCipher(FIXTURE_KEY, Path.of("fixture.key"));
        assertThat(fixture.open("v1:ZGVmZ2hpamtsbW5vOnSqCQvJMPdGFiqav19KPv6sxaXoA5cXqcOh8_PvEPw5BNDqRu9hIw"))
                .isEqualTo("rotor fixture: ünïcode");
        assertThat(fixture.open("v1:ZGVmZ2hpamtsbW5vKnSrCB3JJftdEDqcsrQIRhbX_SOoeAThrjXqvA",
                "rotor_key_material:example")).isEqualTo("bound secret");
    }

    @Test
    void recognisesSealedValuesOfAnyVersion() {
        assertThat(MasterKeyCipher.isSealed(cipher.seal("x"))).isTrue();
        assertThat(MasterKeyCipher.isSealed("v2:abc")).isTrue();
        assertThat(MasterKeyCipher.isSealed("{\"kty\":\"EC\"}")).as("a clear JWK").isFalse();
        assertThat(MasterKeyCipher.isSealed(Base64.getEncoder().encodeToString(new byte[32]))).as("a clear secret")
                .isFalse();
        assertThat(MasterKeyCipher.isSealed(null)).isFalse();
    }

    @Test
    void neitherToStringNorErrorsShowTheKeyOrTheSecret() {
        byte[] key = randomKey();
        MasterKeyCipher withKnownKey = new MasterKeyCipher(key, Path.of("master.key"));
        String sealed = withKnownKey.seal("the-clear-secret");
        String text = withKnownKey.toString();
        assertThat(text).doesNotContain(Base64.getEncoder().encodeToString(key))
                .doesNotContain(Base64.getUrlEncoder().withoutPadding().encodeToString(key))
                .doesNotContain(java.util.HexFormat.of().formatHex(key))
                .contains(withKnownKey.fingerprint());
        assertThatThrownBy(() -> cipher.open(sealed))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(sealed.substring(3)).doesNotContain("the-clear-secret"));
        assertThat(withKnownKey.fingerprint()).hasSize(8).isNotEqualTo(cipher.fingerprint());
    }

    @Test
    void isASecretCipher() {
        SecretCipher asInterface = cipher;
        assertThat(asInterface.open(asInterface.seal("JBSWY3DPEHPK3PXP"))).isEqualTo("JBSWY3DPEHPK3PXP");
    }

    @Test
    void refusesKeysOfAnotherLength() {
        assertThatThrownBy(() -> new MasterKeyCipher(new byte[16], Path.of("short.key")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    private static byte[] fixtureKey() {
        byte[] key = new byte[32];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) i;
        }
        return key;
    }
}
