package dev.rotor.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rotor.app.e2e.RotorClient.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A database made by the last release without schema migrations (bbc33d6: Hibernate's ddl-auto=update
 * and the read models' own "create table if not exists"), stored as a dump with what was done on
 * it (test resources under upgrade/before-migrations, made as README.md there says), and the
 * checks that today's server took it over without losing anything.
 *
 * <p>On it: the bootstrap admin, and a user with four sessions: one live (refreshed twice), one
 * cut off by a global rotation, one logged out, one revoked for refresh-token reuse.
 */
public final class ReleaseBeforeMigrations {

    private static final String RESOURCES = "/upgrade/before-migrations/";

    private final Properties fixture = new Properties();
    private final String vendor;

    /** {@code vendor}: h2 or postgresql. */
    public ReleaseBeforeMigrations(String vendor) {
        this.vendor = vendor;
        try (InputStream in = resource(vendor + ".properties")) {
            fixture.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The dump, as a file (H2's RUNSCRIPT reads files). */
    public Path dump(Path folder) {
        return copy(vendor + ".sql", folder.resolve("dump.sql"));
    }

    /** The master key that sealed the dump's secrets, owner-only as the server requires. */
    public Path masterKey(Path folder) {
        Path file = copy("master.key", folder.resolve("master.key"));
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException | UnsupportedOperationException e) {
            // Not a POSIX file system: the server checks what it can there.
        }
        return file;
    }

    public String get(String key) {
        String value = fixture.getProperty(key);
        if (value == null) {
            throw new IllegalStateException("no " + key + " in the " + vendor + " fixture");
        }
        return value;
    }

    /** The stored events' identifiers, to check after the upgrade that none is lost. */
    public static List<String> eventIdentifiers(DataSource dataSource) {
        return new JdbcTemplate(dataSource).queryForList(
                "select event_identifier from domain_event_entry order by global_index", String.class);
    }

    /**
     * What a user of the old release must find after the upgrade: the same user and password, the
     * live session going on with its last refresh token, the dead ones still dead, the audit of
     * everything before. Ends with the live session revoked (its superseded token is reused).
     */
    public void assertTakenOver(RotorClient client) {
        String userId = get("user_id");
        String email = get("email");

        // The live session goes on where it stopped, on the token it was last given.
        Response refreshed = client.refresh(get("live.refresh_token"));
        assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
        assertThat(refreshed.text("session_id")).isEqualTo(get("live.session_id"));
        Response me = client.me(refreshed.text("access_token"));
        assertThat(me.status()).as(me.body()).isEqualTo(200);
        assertThat(me.text("user_id")).isEqualTo(userId);
        assertThat(me.text("email")).isEqualTo(email);
        assertThat(me.text("session_id")).isEqualTo(get("live.session_id"));
        Response again = client.refresh(refreshed.text("refresh_token"));
        assertThat(again.status()).as(again.body()).isEqualTo(200);

        // The sessions that ended before the upgrade stay ended.
        assertInvalidGrant(client.refresh(get("rotated_out.refresh_token")));
        assertInvalidGrant(client.refresh(get("logged_out.refresh_token")));
        assertInvalidGrant(client.refresh(get("reused.refresh_token")));

        // The same user, password, email lookup and roles.
        Response login = client.login(email, get("password"));
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        assertThat(client.login(email, "not-the-password-1").status()).isEqualTo(401);
        String admin = client.adminToken();
        Response user = client.get("/api/v1/admin/users/" + userId, admin);
        assertThat(user.status()).as(user.body()).isEqualTo(200);
        assertThat(user.text("email")).isEqualTo(email);
        assertThat(user.json().get("roles").toString()).isEqualTo("[\"user\"]");
        Response taken = client.post("/api/v1/admin/users", RotorClient.json("email", email, "password",
                "another-password-1", "roles", List.of()), admin);
        assertThat(taken.status()).as(taken.body()).isEqualTo(409);

        Response sessions = client.get("/api/v1/admin/users/" + userId + "/sessions", admin);
        assertThat(sessions.status()).as(sessions.body()).isEqualTo(200);
        assertThat(ids(sessions.json(), "session_id")).contains(get("live.session_id"), login.text("session_id"))
                .doesNotContain(get("rotated_out.session_id"), get("logged_out.session_id"),
                        get("reused.session_id"));

        // The audit still tells what happened before the upgrade.
        Response trail = client.get("/api/v1/admin/audit?user_id=" + userId + "&limit=1000", admin);
        assertThat(trail.status()).as(trail.body()).isEqualTo(200);
        List<String> types = ids(trail.json(), "type");
        assertThat(types.get(0)).isEqualTo("UserRegistered");
        assertThat(types).contains("SessionIssued", "RefreshTokenRotated", "RefreshTokenReuseDetected",
                "SessionRevoked", "TokenRotated");
        assertThat(trail.body()).contains("pre-upgrade drill");
        assertVerdict(client, admin, get("reused.session_id"), "reuse_detected");
        assertVerdict(client, admin, get("logged_out.session_id"), "revoked");
        assertVerdict(client, admin, get("rotated_out.session_id"), "global_version");

        // The lookups of the old release still catch the reuse of a token it rotated out.
        assertInvalidGrant(client.refresh(get("live.superseded_refresh_token")));
        assertInvalidGrant(client.refresh(again.text("refresh_token")));
    }

    private static void assertVerdict(RotorClient client, String admin, String sessionId, String verdict) {
        Response history = client.get("/api/v1/admin/audit/sessions/" + sessionId, admin);
        assertThat(history.status()).as(history.body()).isEqualTo(200);
        assertThat(history.text("verdict")).as(history.body()).isEqualTo(verdict);
    }

    private static void assertInvalidGrant(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(401);
        assertThat(response.text("code")).isEqualTo("invalid_grant");
    }

    private static List<String> ids(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.get(field).asText()));
        return values;
    }

    private Path copy(String name, Path target) {
        try (InputStream in = resource(name)) {
            Files.copy(in, target);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = ReleaseBeforeMigrations.class.getResourceAsStream(RESOURCES + name);
        if (in == null) {
            throw new IllegalStateException("missing test resource " + RESOURCES + name);
        }
        return in;
    }
}
