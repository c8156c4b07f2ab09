package dev.rotor.app.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rotor.app.e2e.RotorClient;
import dev.rotor.app.e2e.RotorClient.Response;
import dev.rotor.app.e2e.RotorServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The audit's SQL on a real PostgreSQL: the index's schema and writes, the event table read back
 * (payloads as {@code bytea}, timestamps as text), the index joins, paging, the stream and the
 * time-travel replay.
 */
class AuditOnPostgresE2ETest {

    private static final String PASSWORD = "postgres-password-1";

    private static EmbeddedPostgres postgres;
    private static RotorServer server;

    @BeforeAll
    static void startPostgresAndANode() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        try (Connection c = postgres.getPostgresDatabase().getConnection()) {
            c.createStatement().execute("CREATE DATABASE rotor");
        }
        server = RotorServer.start(Map.of(
                "spring.datasource.url", postgres.getJdbcUrl("postgres", "rotor"),
                "spring.datasource.username", "postgres",
                "spring.datasource.password", "postgres"));
    }

    @AfterAll
    static void stopAll() throws Exception {
        if (server != null) {
            server.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void aUsersTrailAndASessionsPastOnPostgres() throws Exception {
        RotorClient client = server.client();
        String firstAdmin = client.adminToken();
        String email = "pg-audit-" + UUID.randomUUID() + "@example.com";
        String userId = client.createUser(firstAdmin, email, PASSWORD, List.of("user"));
        Response login = client.login(email, PASSWORD);
        assertThat(login.status()).isEqualTo(200);
        String sessionId = login.text("session_id");
        Response refreshed = client.refresh(login.text("refresh_token"));
        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(client.refresh(refreshed.text("refresh_token")).status()).isEqualTo(200);
        assertThat(client.refresh(login.text("refresh_token")).status()).isEqualTo(401); // reuse
        assertThat(client.post("/api/v1/admin/rotations/global",
                RotorClient.json("reason", "pg drill", "grace_period_seconds", 0), firstAdmin).status()).isEqualTo(200);
        String admin = client.adminToken();

        Response trail = client.get("/api/v1/admin/audit?user_id=" + userId, admin);
        assertThat(trail.status()).as(trail.body()).isEqualTo(200);
        List<JsonNode> entries = list(trail.json());
        assertThat(entries).extracting(e -> e.get("type").asText()).containsExactly("UserRegistered",
                "LoginSucceeded", "SessionIssued", "RefreshTokenRotated", "RefreshTokenRotated",
                "RefreshTokenReuseDetected", "SessionRevoked", "TokenRotated");
        assertThat(entries.get(3).get("user_id").asText()).isEqualTo(userId);
        assertThat(entries.get(7).get("reason").asText()).isEqualTo("pg drill");
        assertThat(trail.body()).doesNotContain("$argon2").doesNotContain("token_hash");

        Instant from = Instant.parse(entries.get(3).get("timestamp").asText());
        Response window = client.get("/api/v1/admin/audit?session_id=" + sessionId + "&type=RefreshTokenRotated"
                + "&from=" + from + "&limit=1", admin);
        assertThat(window.status()).as(window.body()).isEqualTo(200);
        assertThat(list(window.json())).containsExactly(entries.get(3));
        Response next = client.get("/api/v1/admin/audit?session_id=" + sessionId + "&type=RefreshTokenRotated"
                + "&after=" + entries.get(3).get("sequence").asLong(), admin);
        assertThat(list(next.json())).containsExactly(entries.get(4));

        Response all = client.get("/api/v1/admin/audit?limit=1000", admin);
        assertThat(all.status()).as(all.body()).isEqualTo(200);
        HttpResponse<String> stream = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(server.baseUrl() + "/api/v1/admin/audit"))
                .header("Authorization", "Bearer " + admin).header("Accept", "application/x-ndjson").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(stream.statusCode()).isEqualTo(200);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : stream.body().split("\n")) {
            lines.add(RotorClient.JSON.readTree(line));
        }
        assertThat(lines).isEqualTo(list(all.json()));

        Instant reused = Instant.parse(entries.get(5).get("timestamp").asText());
        Response before = client.get("/api/v1/admin/audit/sessions/" + sessionId + "?at=" + reused.minusNanos(1),
                admin);
        assertThat(before.status()).as(before.body()).isEqualTo(200);
        assertThat(before.text("verdict")).isEqualTo("valid");
        assertThat(before.json().get("events")).hasSize(3);
        Response after = client.get("/api/v1/admin/audit/sessions/" + sessionId, admin);
        assertThat(after.text("verdict")).isEqualTo("reuse_detected");
        assertThat(client.get("/api/v1/admin/audit/sessions/" + UUID.randomUUID(), admin).status()).isEqualTo(404);
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> entries = new ArrayList<>();
        array.forEach(entries::add);
        return entries;
    }
}
