package dev.rotor.app.e2e;

import static dev.rotor.app.e2e.E2eSupport.assertInvalidToken;
import static dev.rotor.app.e2e.E2eSupport.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rotor.app.e2e.RotorClient.Response;
import java.net.URI;
import java.sql.ResultSet;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * MFA over HTTP, as an authenticator app and a client would drive it. The codes come from a TOTP
 * implementation of this test's own (RFC 6238), not from Rotor's.
 */
class MfaE2ETest {

    private final RotorServer server = SharedRotorServer.get();
    private final RotorClient client = server.client();

    @Test
    void enrolLogInWithACodeAndARecoveryCodeThenTurnOff() throws Exception {
        String email = E2eSupport.uniqueEmail();
        String userId = E2eSupport.newUser(client, email);
        String access = E2eSupport.login(client, email, E2eSupport.PASSWORD).get("access_token").asText();

        Response started = client.post("/api/v1/me/mfa/totp", null, access);
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        String secret = started.text("secret");
        assertThat(secret).matches("[A-Z2-7]{32}");
        URI uri = URI.create(started.text("otpauth_uri"));
        assertThat(uri.getScheme()).isEqualTo("otpauth");
        assertThat(uri.getHost()).isEqualTo("totp");
        assertThat(URLDecoder.decode(uri.getRawPath(), StandardCharsets.UTF_8)).isEqualTo("/Rotor:" + email);
        assertThat(uri.getQuery()).contains("secret=" + secret).contains("issuer=Rotor");
        assertThat(client.login(email, E2eSupport.PASSWORD).json().has("access_token"))
                .as("pending until confirmed: the password alone still logs in").isTrue();

        assertProblem(client.post("/api/v1/me/mfa/totp/confirm", RotorClient.json("code", wrong(secret)), access), 401,
                "invalid_mfa");
        Response confirmed = client.post("/api/v1/me/mfa/totp/confirm",
                RotorClient.json("code", totp(secret, Instant.now())), access);
        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
        List<String> recovery = new ArrayList<>();
        confirmed.json().get("recovery_codes").forEach(code -> recovery.add(code.asText()));
        assertThat(recovery).hasSize(10).doesNotHaveDuplicates();
        assertThat(client.get("/api/v1/admin/users/" + userId, client.adminToken()).json().get("mfa_enabled")
                .asBoolean()).isTrue();
        assertNoSecretInTheStore(secret, recovery);

        // Password step: no tokens, an mfa_token instead; it is no access token.
        JsonNode challenge = client.login(email, E2eSupport.PASSWORD).json();
        assertThat(challenge.get("mfa_required").asBoolean()).isTrue();
        assertThat(challenge.has("access_token")).isFalse();
        assertThat(challenge.get("mfa_expires_in").asLong()).isEqualTo(300);
        String mfaToken = challenge.get("mfa_token").asText();
        assertInvalidToken(client.me(mfaToken));

        // The code of the step the enrolment used is spent; the next step's code works (one step of drift).
        Response done = client.post("/api/v1/auth/login/mfa",
                RotorClient.json("mfa_token", mfaToken, "code", totp(secret, Instant.now().plusSeconds(30))), null);
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        assertThat(E2eSupport.jwtPart(done.text("access_token"), 1).get("amr").toString()).isEqualTo("[\"pwd\",\"otp\"]");
        assertThat(client.me(done.text("access_token")).json().get("amr").toString()).isEqualTo("[\"pwd\",\"otp\"]");

        // The mfa_token is single-use, and a code is never accepted twice.
        assertProblem(client.post("/api/v1/auth/login/mfa",
                RotorClient.json("mfa_token", mfaToken, "code", totp(secret, Instant.now().plusSeconds(30))), null),
                401, "invalid_mfa");
        String second = client.login(email, E2eSupport.PASSWORD).text("mfa_token");
        assertProblem(client.post("/api/v1/auth/login/mfa",
                RotorClient.json("mfa_token", second, "code", totp(secret, Instant.now().plusSeconds(30))), null),
                401, "invalid_mfa");

        // A recovery code works once.
        String third = client.login(email, E2eSupport.PASSWORD).text("mfa_token");
        Response byRecovery = client.post("/api/v1/auth/login/mfa",
                RotorClient.json("mfa_token", third, "code", recovery.get(0)), null);
        assertThat(byRecovery.status()).as(byRecovery.body()).isEqualTo(200);
        String fourth = client.login(email, E2eSupport.PASSWORD).text("mfa_token");
        assertProblem(client.post("/api/v1/auth/login/mfa",
                RotorClient.json("mfa_token", fourth, "code", recovery.get(0)), null), 401, "invalid_mfa");

        // Off with a recovery code; then the password alone logs in again.
        String current = byRecovery.text("access_token");
        assertProblem(client.post("/api/v1/me/mfa/disable", RotorClient.json("code", "AAAA-AAAA-AAAA-AAAA"), current),
                401, "invalid_mfa");
        assertThat(client.post("/api/v1/me/mfa/disable", RotorClient.json("code", recovery.get(1)), current).status())
                .isEqualTo(204);
        assertThat(client.login(email, E2eSupport.PASSWORD).json().has("access_token")).isTrue();
    }

    @Test
    void anAdminResetsMfaAndTheAuditShowsEveryStepWithoutASecret() throws Exception {
        String email = E2eSupport.uniqueEmail();
        String userId = E2eSupport.newUser(client, email);
        String access = E2eSupport.login(client, email, E2eSupport.PASSWORD).get("access_token").asText();
        String secret = client.post("/api/v1/me/mfa/totp", null, access).text("secret");
        assertThat(client.post("/api/v1/me/mfa/totp/confirm", RotorClient.json("code", totp(secret, Instant.now())),
                access).status()).isEqualTo(200);
        String admin = client.adminToken();
        assertProblem(client.post("/api/v1/admin/users/" + userId + "/mfa/reset", RotorClient.json("reason", " "), admin),
                400, "invalid_request");
        assertProblem(client.post("/api/v1/admin/users/not-a-user/mfa/reset", RotorClient.json("reason", "x"), admin),
                404, "not_found");
        assertThat(client.post("/api/v1/admin/users/" + userId + "/mfa/reset",
                RotorClient.json("reason", "lost phone"), admin).status()).isEqualTo(204);
        assertThat(client.login(email, E2eSupport.PASSWORD).json().has("access_token")).isTrue();

        Response trail = client.get("/api/v1/admin/audit?user_id=" + userId, admin);
        List<String> types = new ArrayList<>();
        trail.json().forEach(entry -> types.add(entry.get("type").asText()));
        assertThat(types).containsSubsequence("TotpEnrolmentStarted", "MfaEnabled", "TotpCodeUsed", "MfaReset");
        trail.json().forEach(entry -> {
            if (entry.get("type").asText().equals("MfaReset")) {
                assertThat(entry.get("actor").asText()).isNotEqualTo(userId);
                assertThat(entry.get("reason").asText()).isEqualTo("lost phone");
            }
        });
        assertThat(trail.body()).doesNotContain(secret).doesNotContain("sealed");
    }

    @Test
    void badInputIsA400AndAnUnknownMfaTokenA401() {
        String email = E2eSupport.uniqueEmail();
        E2eSupport.newUser(client, email);
        String access = E2eSupport.login(client, email, E2eSupport.PASSWORD).get("access_token").asText();
        assertProblem(client.post("/api/v1/me/mfa/totp/confirm", RotorClient.json("code", "123456"), access), 400,
                "invalid_request");
        assertProblem(client.post("/api/v1/me/mfa/totp/confirm", "{}", access), 400, "invalid_request");
        for (String token : List.of("x", "a.b", "not-base64!.AAAA", "ZmFrZQ.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")) {
            assertProblem(client.post("/api/v1/auth/login/mfa", RotorClient.json("mfa_token", token, "code", "123456"),
                    null), 401, "invalid_mfa");
        }
        assertProblem(client.post("/api/v1/auth/login/mfa", RotorClient.json("code", "123456"), null), 400,
                "invalid_request");
        assertProblem(client.post("/api/v1/auth/login/mfa", RotorClient.json("mfa_token", 42, "code", "1"), null), 400,
                "invalid_request");
    }

    /** The raw event payloads and snapshots hold neither the TOTP secret nor a recovery code in clear. */
    private void assertNoSecretInTheStore(String secret, List<String> recoveryCodes) {
        JdbcTemplate jdbc = server.context().getBean(JdbcTemplate.class);
        StringBuilder stored = new StringBuilder();
        for (String table : List.of("domain_event_entry", "snapshot_event_entry")) {
            jdbc.query("select payload from " + table, (ResultSet rs) -> {
                stored.append(new String(rs.getBytes(1), StandardCharsets.UTF_8)).append('\n');
            });
        }
        assertThat(stored.toString()).as("stored events").contains("\"sealedSecret\":\"v1:").doesNotContain(secret);
        for (String code : recoveryCodes) {
            assertThat(stored.toString()).doesNotContain(code).doesNotContain(code.replace("-", ""));
        }
    }

    /** RFC 6238 with SHA-1, six digits, 30-second steps. */
    static String totp(String base32Secret, Instant at) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(base32(base32Secret), "HmacSHA1"));
        byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(at.getEpochSecond() / 30).array());
        int offset = hash[19] & 0xf;
        int value = ((hash[offset] & 0x7f) << 24 | (hash[offset + 1] & 0xff) << 16 | (hash[offset + 2] & 0xff) << 8
                | (hash[offset + 3] & 0xff)) % 1_000_000;
        return String.format("%06d", value);
    }

    private static String wrong(String secret) throws Exception {
        Instant now = Instant.now();
        for (int candidate = 0; ; candidate++) {
            String code = String.format("%06d", candidate);
            if (!code.equals(totp(secret, now)) && !code.equals(totp(secret, now.minusSeconds(30)))
                    && !code.equals(totp(secret, now.plusSeconds(30)))) {
                return code;
            }
        }
    }

    private static byte[] base32(String text) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        ByteBuffer out = ByteBuffer.allocate(text.length() * 5 / 8);
        int buffer = 0;
        int bits = 0;
        for (char c : text.toCharArray()) {
            buffer = buffer << 5 | alphabet.indexOf(c);
            bits += 5;
            if (bits >= 8) {
                out.put((byte) (buffer >> (bits - 8)));
                bits -= 8;
            }
        }
        return out.array();
    }

}
