package dev.rotor.app.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotor.app.e2e.RotorClient;
import dev.rotor.app.e2e.RotorClient.Response;
import dev.rotor.app.e2e.RebuildUnderTraffic;
import dev.rotor.app.e2e.RotorServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two Rotor nodes on one real PostgreSQL: what one node revokes, the other refuses on the very
 * next request; tokens one node signs, the other accepts; refresh families span nodes.
 */
class TwoNodesOnPostgresE2ETest {

    private static EmbeddedPostgres postgres;
    private static RotorServer nodeA;
    private static RotorServer nodeB;

    @BeforeAll
    static void startPostgresAndTwoNodes() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        try (Connection c = postgres.getPostgresDatabase().getConnection()) {
            c.createStatement().execute("CREATE DATABASE rotor");
        }
        Map<String, Object> db = new java.util.HashMap<>(Map.of(
                "spring.datasource.url", postgres.getJdbcUrl("postgres", "rotor"),
                "spring.datasource.username", "postgres",
                "spring.datasource.password", "postgres"));
        db.putAll(RebuildUnderTraffic.PACED_REBUILDS);
        nodeA = RotorServer.start(db);
        // One database, one master key: B reads the key file A created.
        db.put(RotorServer.MASTER_KEY_FILE, nodeA.masterKeyFile());
        nodeB = RotorServer.start(db);
    }

    @AfterAll
    static void stopAll() throws Exception {
        if (nodeB != null) {
            nodeB.close();
        }
        if (nodeA != null) {
            nodeA.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void everyReadModelRebuildsOnOneNodeWhileTheOtherServesWithNoWrongAnswer() throws Exception {
        // Rebuilds and logouts go to A; the token checks and refreshes to B, which must never read a
        // half-built generation nor miss a logout made on A during a rebuild.
        new RebuildUnderTraffic(nodeA.client(), nodeB.client()).run();
    }

    @Test
    void bothNodesCountFailuresTogetherForKnownAndUnknownEmails() {
        RotorClient a = nodeA.client();
        RotorClient b = nodeB.client();
        String known = "pg-lock-" + UUID.randomUUID() + "@example.com";
        a.createUser(a.adminToken(), known, "postgres-password-1", List.of("user"));
        String unknown = "pg-nobody-" + UUID.randomUUID() + "@example.com";
        for (String email : List.of(known, unknown)) {
            for (int attempt = 1; attempt <= 5; attempt++) {
                RotorClient node = attempt % 2 == 0 ? b : a;
                assertThat(node.login(email, "wrong-password-x").status()).as("%s attempt %d", email, attempt)
                        .isEqualTo(401);
            }
            Response onA = a.login(email, "wrong-password-x");
            Response onB = b.login(email, "wrong-password-x");
            assertThat(List.of(onA.status(), onB.status())).as(email).containsExactly(429, 429);
            assertThat(onB.header("Retry-After")).isNotNull();
        }
        assertThat(b.login(known, "postgres-password-1").status()).as("locked on every node").isEqualTo(429);
    }

    @Test
    void aRefreshWithinTheLeewayAfterALogoutOnTheOtherNodeIsRefused() {
        RotorClient a = nodeA.client();
        RotorClient b = nodeB.client();
        String email = "pg-leeway-" + UUID.randomUUID() + "@example.com";
        a.createUser(a.adminToken(), email, "postgres-password-1", List.of("user"));
        Response login = a.login(email, "postgres-password-1");
        String first = login.text("refresh_token");
        assertThat(a.refresh(first).status()).as("A rotates (and may remember the session)").isEqualTo(200);
        assertThat(b.logout(login.text("access_token")).status()).isEqualTo(204);
        Response replay = a.refresh(first);
        assertThat(replay.status()).as("the parent within the leeway, after B's logout: %s", replay.body())
                .isEqualTo(401);
    }

    @Test
    void refreshesAlternatingBetweenTheNodesAllSucceed() {
        RotorClient a = nodeA.client();
        RotorClient b = nodeB.client();
        String email = "pg-alternate-" + UUID.randomUUID() + "@example.com";
        a.createUser(a.adminToken(), email, "postgres-password-1", List.of("user"));
        String token = a.login(email, "postgres-password-1").text("refresh_token");
        for (int i = 0; i < 20; i++) {
            Response refreshed = (i % 2 == 0 ? b : a).refresh(token);
            assertThat(refreshed.status()).as("refresh %d: %s", i, refreshed.body()).isEqualTo(200);
            token = refreshed.text("refresh_token");
        }
    }

    @Test
    void aLogoutOnOneNodeIsRefusedOnTheOtherAtOnce() {
        RotorClient a = nodeA.client();
        RotorClient b = nodeB.client();
        String email = "pg-" + UUID.randomUUID() + "@example.com";
        a.createUser(a.adminToken(), email, "postgres-password-1", List.of("user"));

        Response login = a.login(email, "postgres-password-1");
        assertThat(login.status()).isEqualTo(200);
        String access = login.text("access_token");
        assertThat(b.me(access).status()).as("a token signed on A is valid on B").isEqualTo(200);

        Response refreshed = b.refresh(login.text("refresh_token"));
        assertThat(refreshed.status()).as("A's refresh token works on B").isEqualTo(200);
        assertThat(refreshed.text("session_id")).isEqualTo(login.text("session_id"));
        assertThat(a.refresh(refreshed.text("refresh_token")).status()).isEqualTo(200);

        assertThat(b.logout(access).status()).isEqualTo(204);
        Response afterLogout = a.me(access);
        assertThat(afterLogout.status()).as("revoked on B, refused on A").isEqualTo(401);
        assertThat(afterLogout.text("code")).isEqualTo("invalid_token");
    }

    @Test
    void aUserRotationOnOneNodeIsRefusedOnTheOther() {
        RotorClient a = nodeA.client();
        RotorClient b = nodeB.client();
        String admin = a.adminToken();
        String email = "pg-rot-" + UUID.randomUUID() + "@example.com";
        String userId = a.createUser(admin, email, "postgres-password-2", List.of("user"));
        String access = b.login(email, "postgres-password-2").text("access_token");
        assertThat(a.me(access).status()).isEqualTo(200);

        Response rotation = b.post("/api/v1/admin/rotations/users/" + userId,
                RotorClient.json("reason", "two-node drill"), admin);
        assertThat(rotation.status()).isEqualTo(200);
        assertThat(a.me(access).status()).isEqualTo(401);
    }

    @Test
    void eventPayloadsAreStoredInlineAsBytea() throws Exception {
        try (Connection c = postgres.getDatabase("postgres", "rotor").getConnection();
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT data_type FROM information_schema.columns "
                             + "WHERE table_name = 'domain_event_entry' AND column_name = 'payload'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("bytea");
        }
    }

    @Test
    void bothNodesPublishTheSameSigningKey() {
        Response jwksA = nodeA.client().get("/.well-known/jwks.json", null);
        Response jwksB = nodeB.client().get("/.well-known/jwks.json", null);
        assertThat(jwksA.json().get("keys").get(0).get("kid").asText())
                .isEqualTo(jwksB.json().get("keys").get(0).get("kid").asText());
    }
}
