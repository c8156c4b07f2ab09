package dev.rotor.app.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotor.app.e2e.RotorClient;
import dev.rotor.app.e2e.RotorClient.Response;
import dev.rotor.app.e2e.RotorServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The roles apart, without Axon Server: a command node (commands and every read model, written in
 * the append transaction) and a query node (reads only) on one PostgreSQL. A revocation made on
 * the command node is refused by the query node on the very next request.
 */
class SplitRolesOnPostgresE2ETest {

    private static EmbeddedPostgres postgres;
    private static RotorServer commandNode;
    private static RotorServer queryNode;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        try (Connection c = postgres.getPostgresDatabase().getConnection()) {
            c.createStatement().execute("CREATE DATABASE rotor");
        }
        Map<String, Object> db = new HashMap<>(Map.of(
                "spring.datasource.url", postgres.getJdbcUrl("postgres", "rotor"),
                "spring.datasource.username", "postgres",
                "spring.datasource.password", "postgres"));
        Map<String, Object> command = new HashMap<>(db);
        command.put("spring.profiles.active", "command");
        commandNode = RotorServer.start(command);
        Map<String, Object> query = new HashMap<>(db);
        query.put("spring.profiles.active", "query");
        query.put(RotorServer.MASTER_KEY_FILE, commandNode.masterKeyFile());
        queryNode = RotorServer.start(query);
    }

    @AfterAll
    static void stop() throws Exception {
        if (queryNode != null) {
            queryNode.close();
        }
        if (commandNode != null) {
            commandNode.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void aLogoutOnTheCommandNodeIsRefusedByTheQueryNodeAtOnce() {
        RotorClient commands = commandNode.client();
        RotorClient queries = queryNode.client();
        String admin = commands.adminToken();
        String email = "split-" + UUID.randomUUID() + "@example.com";
        String userId = commands.createUser(admin, email, "split-roles-password", List.of("user"));

        Response login = commands.login(email, "split-roles-password");
        String access = login.text("access_token");
        assertThat(queries.me(access).status()).as("the query node validates against the shared rows").isEqualTo(200);
        assertThat(queries.get("/api/v1/me/sessions", access).json().size()).isEqualTo(1);
        assertThat(queries.get("/api/v1/admin/users/" + userId, admin).text("email")).isEqualTo(email);
        assertThat(queries.get("/api/v1/admin/audit?user_id=" + userId, admin).json().size()).isGreaterThan(1);

        assertThat(commands.logout(access).status()).isEqualTo(204);
        assertThat(queries.me(access).status()).as("logged out on the command node").isEqualTo(401);
    }

    @Test
    void introspectionIsAQueryAndRevocationACommand() {
        RotorClient commands = commandNode.client();
        RotorClient queries = queryNode.client();
        String admin = commands.adminToken();
        String email = "split-oauth-" + UUID.randomUUID() + "@example.com";
        commands.createUser(admin, email, "split-roles-password", List.of("user"));
        Response login = commands.login(email, "split-roles-password");
        String access = login.text("access_token");
        String refresh = login.text("refresh_token");

        assertThat(queries.introspect(refresh, admin).json().get("active").asBoolean())
                .as("the query node knows the current refresh token from the shared rows").isTrue();
        assertThat(queries.revoke(refresh).status()).as("no revocation (a command) on a query node").isEqualTo(404);
        assertThat(commands.revoke(refresh).status()).isEqualTo(200);
        assertThat(queries.introspect(access, admin).body()).as("revoked on the command node")
                .isEqualTo("{\"active\":false}");
        assertThat(queries.introspect(refresh, admin).body()).isEqualTo("{\"active\":false}");
    }

    @Test
    void theQueryNodeHandlesNoCommands() {
        Response login = queryNode.client().login("anyone@example.com", "any-password-at-all");
        assertThat(login.status()).as("no command endpoints on a query node: %s", login.body()).isEqualTo(404);
        assertThat(login.text("code")).isEqualTo("not_found");
    }
}
