package dev.rotor.command.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 6238 Appendix B (SHA-1), cut to six digits, and the base32 the authenticator apps read. */
class TotpTest {

    private static final byte[] RFC_SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest(name = "T = {0}")
    @CsvSource({"59, 94287082", "1111111109, 07081804", "1111111111, 14050471", "1234567890, 89005924",
            "2000000000, 69279037", "20000000000, 65353130"})
    void matchesTheRfcVectors(long epochSeconds, String eightDigits) {
        assertThat(Totp.code(RFC_SECRET, Totp.stepAt(Instant.ofEpochSecond(epochSeconds))))
                .isEqualTo(eightDigits.substring(2));
    }

    @Test
    void base32RoundTripsAndMatchesRfc4648() {
        assertThat(Totp.base32("foobar".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTBOI");
        assertThat(Totp.fromBase32("MZXW6YTBOI")).isEqualTo("foobar".getBytes(StandardCharsets.US_ASCII));
        String secret = Totp.newSecret();
        assertThat(secret).matches("[A-Z2-7]{32}");
        assertThat(Totp.base32(Totp.fromBase32(secret))).isEqualTo(secret);
    }

    @Test
    void aStepAtOrBeforeTheLastUsedOneNeverMatches() {
        String secret = Totp.base32(RFC_SECRET);
        Instant now = Instant.ofEpochSecond(1111111111);
        String code = Totp.code(RFC_SECRET, Totp.stepAt(now));
        assertThat(Totp.matchingStep(secret, code, now, -1)).isEqualTo(Totp.stepAt(now));
        assertThat(Totp.matchingStep(secret, code, now, Totp.stepAt(now))).isEqualTo(-1);
        assertThat(Totp.matchingStep(secret, "12345", now, -1)).isEqualTo(-1);
        assertThat(Totp.matchingStep(secret, "abcdef", now, -1)).isEqualTo(-1);
    }
}
