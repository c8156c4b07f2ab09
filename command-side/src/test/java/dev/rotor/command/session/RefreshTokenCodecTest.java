package dev.rotor.command.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RefreshTokenCodecTest {

    private static final String BASE64URL_43 = "^[A-Za-z0-9_-]{43}$";

    private static byte[] secret(int length, int fill) {
        byte[] secret = new byte[length];
        Arrays.fill(secret, (byte) fill);
        return secret;
    }

    private final RefreshTokenCodec codec = new RefreshTokenCodec(secret(32, 1));
    private final RefreshTokenCodec otherCodec = new RefreshTokenCodec(secret(32, 2));

    @Test
    void generateGivesFortyThreeCharactersOfUnpaddedBase64UrlEncodingThirtyTwoBytes() {
        String token = codec.generate();
        assertThat(token).hasSize(43).matches(BASE64URL_43);
        assertThat(Base64.getUrlDecoder().decode(token)).hasSize(32);
    }

    @Test
    void generatedTokensAreRandom() {
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            tokens.add(codec.generate());
        }
        assertThat(tokens).hasSize(100);
    }

    @Test
    void generatedTokensAreWellFormed() {
        for (int i = 0; i < 100; i++) {
            assertThat(RefreshTokenCodec.isWellFormed(codec.generate())).isTrue();
        }
    }

    @Test
    void wellFormedRejectsFortyTwoAndFortyFourCharacters() {
        String token = codec.generate();
        assertThat(RefreshTokenCodec.isWellFormed(token.substring(0, 42))).isFalse();
        assertThat(RefreshTokenCodec.isWellFormed(token + "A")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"+", "/", "=", " ", ".", "é"})
    void wellFormedRejectsCharactersOutsideBase64Url(String bad) {
        String token = codec.generate();
        assertThat(RefreshTokenCodec.isWellFormed(bad + token.substring(1))).isFalse();
        assertThat(RefreshTokenCodec.isWellFormed(token.substring(0, 42) + bad)).isFalse();
        assertThat(RefreshTokenCodec.isWellFormed(token.substring(0, 20) + bad + token.substring(21))).isFalse();
    }

    @Test
    void wellFormedRejectsNullAndEmpty() {
        assertThat(RefreshTokenCodec.isWellFormed(null)).isFalse();
        assertThat(RefreshTokenCodec.isWellFormed("")).isFalse();
    }

    @Test
    void wellFormedAcceptsDashAndUnderscore() {
        assertThat(RefreshTokenCodec.isWellFormed("-".repeat(21) + "_".repeat(22))).isTrue();
    }

    @Test
    void successorIsDeterministicUnderOneSecret() {
        String token = codec.generate();
        assertThat(codec.successorOf(token)).isEqualTo(codec.successorOf(token));
        assertThat(new RefreshTokenCodec(secret(32, 1)).successorOf(token)).isEqualTo(codec.successorOf(token));
    }

    @Test
    void successorDiffersUnderAnotherSecret() {
        String token = codec.generate();
        assertThat(otherCodec.successorOf(token)).isNotEqualTo(codec.successorOf(token));
    }

    @Test
    void successorIsItselfAWellFormedTokenDifferentFromItsParent() {
        String token = codec.generate();
        String successor = codec.successorOf(token);
        assertThat(successor).matches(BASE64URL_43).isNotEqualTo(token);
        assertThat(RefreshTokenCodec.isWellFormed(successor)).isTrue();
        assertThat(codec.successorOf(successor)).isNotEqualTo(successor).isNotEqualTo(token);
    }

    @Test
    void differentTokensHaveDifferentSuccessors() {
        String a = codec.generate();
        String b = codec.generate();
        assertThat(codec.successorOf(a)).isNotEqualTo(codec.successorOf(b));
    }

    @Test
    void theSecretIsCopiedSoLaterChangesToTheArrayDoNotMatter() {
        byte[] secret = secret(32, 7);
        RefreshTokenCodec copying = new RefreshTokenCodec(secret);
        String token = codec.generate();
        String before = copying.successorOf(token);
        Arrays.fill(secret, (byte) 0);
        assertThat(copying.successorOf(token)).isEqualTo(before);
    }

    @Test
    void hashIsSixtyFourLowercaseHexCharactersOfSha256() throws Exception {
        String token = codec.generate();
        String hash = codec.hash(token);
        assertThat(hash).matches("^[0-9a-f]{64}$").isNotEqualTo(token);
        String expected = HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        assertThat(hash).isEqualTo(expected);
    }

    @Test
    void hashIsDeterministicAndIndependentOfTheSecret() {
        String token = codec.generate();
        assertThat(codec.hash(token)).isEqualTo(codec.hash(token)).isEqualTo(otherCodec.hash(token));
        assertThat(codec.hash(token)).isNotEqualTo(codec.hash(codec.successorOf(token)));
    }

    @Test
    void aSecretShorterThanThirtyTwoBytesIsRefused() {
        assertThatThrownBy(() -> new RefreshTokenCodec(secret(31, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> new RefreshTokenCodec(new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RefreshTokenCodec(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSecretOfThirtyTwoBytesOrMoreIsAccepted() {
        assertThat(new RefreshTokenCodec(secret(32, 3)).successorOf("x".repeat(43))).matches(BASE64URL_43);
        assertThat(new RefreshTokenCodec(secret(64, 3)).successorOf("x".repeat(43))).matches(BASE64URL_43);
    }
}
