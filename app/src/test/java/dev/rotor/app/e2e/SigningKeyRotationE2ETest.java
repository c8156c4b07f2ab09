package dev.rotor.app.e2e;

import static dev.rotor.app.e2e.E2eSupport.PASSWORD;
import static dev.rotor.app.e2e.E2eSupport.assertInvalidToken;
import static dev.rotor.app.e2e.E2eSupport.assertProblem;
import static dev.rotor.app.e2e.E2eSupport.jwtPart;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import dev.rotor.app.e2e.RotorClient.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Signing-key rotation over HTTP on one node: new tokens carry the new key at once, tokens of the
 * previous key stay valid while they live, the JWKS publishes the previous key exactly that long,
 * and the admin list shows each key's status. Access tokens live 10 s here and the clock-skew
 * allowance is 0, so the previous key leaves the JWKS 15 s after the rotation.
 */
class SigningKeyRotationE2ETest {

    private static final Duration ACCESS_TOKEN_TTL = Duration.ofSeconds(10);

    @Test
    void aRotationSwitchesNewTokensToTheNewKeyAndKeepsThePreviousOneOnlyWhileItsTokensLive() throws Exception {
        try (RotorServer server = RotorServer.start(Map.of(
                "rotor.token.access-token-ttl", ACCESS_TOKEN_TTL.toSeconds() + "s",
                "rotor.token.clock-skew", "0s",
                "rotor.keys.check-interval", "500ms"))) {
            RotorClient client = server.client();
            String email = E2eSupport.uniqueEmail();
            E2eSupport.newUser(client, email);
            String admin = client.adminToken();

            List<JsonNode> before = keys(client, admin);
            assertThat(before).hasSize(1);
            String firstKid = before.get(0).get("kid").asText();
            assertThat(before.get(0).get("status").asText()).isEqualTo("active");
            assertThat(before.get(0).get("retires_at").isNull()).isTrue();
            assertThat(jwksKids(client)).containsExactly(firstKid);

            // Only admins rotate, and only with a reason.
            String userToken = E2eSupport.login(client, email, PASSWORD).get("access_token").asText();
            assertProblem(client.post("/api/v1/admin/keys/rotate", RotorClient.json("reason", "mine"), userToken),
                    403, "forbidden");
            assertProblem(client.get("/api/v1/admin/keys", userToken), 403, "forbidden");
            assertProblem(client.post("/api/v1/admin/keys/rotate", RotorClient.json("reason", "  "), admin),
                    400, "invalid_request");
            assertProblem(client.post("/api/v1/admin/keys/rotate", "{}", admin), 400, "invalid_request");
            assertProblem(client.post("/api/v1/admin/keys/rotate", RotorClient.json("reason", "x".repeat(501)), admin),
                    400, "invalid_request");
            assertThat(keys(client, admin)).as("refused rotations change nothing").hasSize(1);

            String oldToken = E2eSupport.login(client, email, PASSWORD).get("access_token").asText();
            assertThat(kidOf(oldToken)).isEqualTo(firstKid);
            Response rotated = client.post("/api/v1/admin/keys/rotate", RotorClient.json("reason", "drill"), admin);
            assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
            String newKid = rotated.text("kid");
            assertThat(rotated.text("previous_kid")).isEqualTo(firstKid);
            assertThat(newKid).isNotEqualTo(firstKid);

            String newToken = E2eSupport.login(client, email, PASSWORD).get("access_token").asText();
            assertThat(kidOf(newToken)).as("signed with the new key at once").isEqualTo(newKid);
            assertThat(client.me(newToken).status()).isEqualTo(200);
            assertThat(client.me(oldToken).status()).as("the previous key's token is still valid").isEqualTo(200);
            assertThat(jwksKids(client)).containsExactlyInAnyOrder(firstKid, newKid);
            OutsideVerifier outside = new OutsideVerifier(client);
            assertThat(outside.problemWith(oldToken)).isNull();
            assertThat(outside.problemWith(newToken)).isNull();

            List<JsonNode> listed = keys(client, admin);
            assertThat(listed).extracting(k -> k.get("kid").asText()).containsExactlyInAnyOrder(firstKid, newKid);
            JsonNode previous = find(listed, firstKid);
            assertThat(previous.get("status").asText()).isEqualTo("retiring");
            Instant retiresAt = Instant.parse(previous.get("retires_at").asText());
            assertThat(retiresAt).as("kept as long as a token of it lives")
                    .isAfterOrEqualTo(Instant.ofEpochSecond(jwtPart(oldToken, 1).get("exp").asLong()));
            assertThat(find(listed, newKid).get("status").asText()).isEqualTo("active");
            assertThat(find(listed, newKid).get("retires_at").isNull()).isTrue();

            // The previous key leaves the JWKS once every token it signed has expired, not before.
            waitFor(Duration.ofSeconds(60), () -> !jwksKids(client).contains(firstKid));
            assertThat(Instant.now()).isAfterOrEqualTo(retiresAt.minusMillis(1));
            assertThat(jwksKids(client)).containsExactly(newKid);
            String freshAdmin = client.adminToken(); // the first one has expired meanwhile
            assertThat(find(keys(client, freshAdmin), firstKid).get("status").asText()).isEqualTo("retired");
            assertInvalidToken(client.me(oldToken));
            // The scheduler records the retirement too (for the audit); the status was already by time.
            waitFor(Duration.ofSeconds(30), () -> auditHas(client, freshAdmin, "SigningKeyRetired"));

            // A restart keeps the ring: the new key still signs, the retired one stays out of the JWKS.
            server.restart();
            RotorClient restarted = server.client();
            String afterRestart = E2eSupport.login(restarted, email, PASSWORD).get("access_token").asText();
            assertThat(kidOf(afterRestart)).isEqualTo(newKid);
            assertThat(restarted.me(afterRestart).status()).isEqualTo(200);
            assertThat(jwksKids(restarted)).containsExactly(newKid);
        }
    }

    @Test
    void aScheduledRotationReplacesTheKeyOnceItReachesItsAge() throws Exception {
        try (RotorServer server = RotorServer.start(Map.of(
                "rotor.keys.rotation", "2s",
                "rotor.keys.check-interval", "200ms"))) {
            RotorClient client = server.client();
            String admin = client.adminToken();
            waitFor(Duration.ofSeconds(60), () -> keys(client, admin).size() >= 3);
            List<JsonNode> listed = keys(client, admin);
            assertThat(listed).filteredOn(k -> k.get("status").asText().equals("active")).as("one active key")
                    .hasSize(1);
            String active = listed.stream().filter(k -> k.get("status").asText().equals("active")).findFirst()
                    .orElseThrow().get("kid").asText();
            String email = E2eSupport.uniqueEmail();
            E2eSupport.newUser(client, email);
            String token = E2eSupport.login(client, email, PASSWORD).get("access_token").asText();
            assertThat(List.of(active, keys(client, admin).get(0).get("kid").asText())).contains(kidOf(token));
            assertThat(client.me(token).status()).isEqualTo(200);
        }
    }

    @Test
    void theFirstStartAfterTheUpgradeAdoptsTheKeyOfTheEarlierReleaseWithItsKid() throws Exception {
        try (RotorServer server = RotorServer.start()) {
            RotorClient client = server.client();
            String email = E2eSupport.uniqueEmail();
            E2eSupport.newUser(client, email);
            String before = E2eSupport.login(client, email, PASSWORD).get("access_token").asText();
            String kid = kidOf(before);
            // The database as the release before key rotation left it, once migrated: its one key in
            // the key material, no key-ring events, an empty signing-keys table (migration V5) that
            // has never been built.
            JdbcTemplate jdbc = server.context().getBean(JdbcTemplate.class);
            assertThat(jdbc.update("delete from domain_event_entry where aggregate_identifier = 'signing-keys'"))
                    .as("the adoption's generated and activated events").isEqualTo(2);
            jdbc.update("delete from rm_signing_key");
            jdbc.update("delete from rotor_read_model where name = 'signing-keys'");

            server.restart();

            RotorClient after = server.client();
            assertThat(after.me(before).status()).as("a token of the earlier release").isEqualTo(200);
            String admin = after.adminToken();
            assertThat(kidOf(admin)).as("the earlier release's key still signs").isEqualTo(kid);
            List<JsonNode> listed = keys(after, admin);
            assertThat(listed).hasSize(1);
            assertThat(listed.get(0).get("kid").asText()).isEqualTo(kid);
            assertThat(listed.get(0).get("status").asText()).isEqualTo("active");
            assertThat(jwksKids(after)).containsExactly(kid);
            assertThat(auditHas(after, admin, "SigningKeyActivated")).isTrue();

            Response rotated = after.post("/api/v1/admin/keys/rotate", RotorClient.json("reason", "after upgrade"),
                    admin);
            assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
            assertThat(rotated.text("previous_kid")).isEqualTo(kid);
            assertThat(after.me(before).status()).isEqualTo(200);
        }
    }

    static String kidOf(String jwt) {
        return jwtPart(jwt, 0).get("kid").asText();
    }

    private static List<JsonNode> keys(RotorClient client, String admin) {
        Response response = client.get("/api/v1/admin/keys", admin);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<JsonNode> keys = new ArrayList<>();
        response.json().forEach(keys::add);
        return keys;
    }

    private static JsonNode find(List<JsonNode> keys, String kid) {
        return keys.stream().filter(k -> k.get("kid").asText().equals(kid)).findFirst().orElseThrow();
    }

    private static List<String> jwksKids(RotorClient client) {
        Response response = client.get("/.well-known/jwks.json", null);
        assertThat(response.status()).isEqualTo(200);
        try {
            JWKSet set = JWKSet.parse(response.body());
            for (JWK key : set.getKeys()) {
                assertThat(key.isPrivate()).isFalse();
            }
            return set.getKeys().stream().map(JWK::getKeyID).toList();
        } catch (java.text.ParseException e) {
            throw new AssertionError(e);
        }
    }

    private static boolean auditHas(RotorClient client, String admin, String type) {
        Response response = client.get("/api/v1/admin/audit?type=" + type, admin);
        return response.status() == 200 && response.body().contains(type);
    }

    private static void waitFor(Duration limit, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within %s", limit).isLessThan(deadline);
            Thread.sleep(200);
        }
    }
}
