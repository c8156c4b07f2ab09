package dev.rotor.app.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotor.app.e2e.ReleaseBeforeMigrations;
import dev.rotor.app.e2e.RotorClient;
import dev.rotor.app.e2e.RotorClient.Response;
import dev.rotor.app.e2e.RotorServer;
import dev.rotor.app.e2e.SchemaShape;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * The schema on PostgreSQL comes from Flyway: on an empty database every table and index is
 * created by the migrations, and a database made by the last release without migrations
 * (Hibernate's ddl-auto=update and the read models' own DDL, loaded from a dump) is taken over
 * without losing a user, a session or an event, and ends with exactly the schema of a new one.
 */
class SchemaMigrationsOnPostgresE2ETest {

    private static final String PASSWORD = "fresh-postgres-password-1";

    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        try (Connection c = postgres.getPostgresDatabase().getConnection()) {
            c.createStatement().execute("CREATE DATABASE fresh");
            c.createStatement().execute("CREATE DATABASE upgraded");
            c.createStatement().execute("CREATE DATABASE reference");
        }
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void anEmptyDatabaseGetsEveryTableAndIndexFromTheMigrations() {
        try (RotorServer server = RotorServer.start(properties("fresh"))) {
            RotorClient client = server.client();
            String admin = client.adminToken();
            String userId = client.createUser(admin, "fresh@example.com", PASSWORD, List.of("user"));
            Response login = client.login("fresh@example.com", PASSWORD);
            assertThat(login.status()).as(login.body()).isEqualTo(200);
            Response refreshed = client.refresh(login.text("refresh_token"));
            assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
            Response me = client.me(refreshed.text("access_token"));
            assertThat(me.status()).as(me.body()).isEqualTo(200);
            assertThat(me.text("user_id")).isEqualTo(userId);
        }

        DataSource fresh = postgres.getDatabase("postgres", "fresh");
        // V6 is H2's alone.
        assertThat(SchemaShape.history(fresh))
                .containsExactly("1 SQL true", "2 SQL true", "3 SQL true", "4 SQL true", "5 SQL true", "7 SQL true");
        SchemaShape shape = SchemaShape.of(fresh);
        assertThat(shape.indexes()).contains(
                // Axon's tuning guide: appends, aggregate loading, tracking, snapshots, tokens.
                "unique domain_event_entry (global_index)",
                "unique domain_event_entry (aggregate_identifier, sequence_number)",
                "unique domain_event_entry (event_identifier)",
                "unique snapshot_event_entry (aggregate_identifier, sequence_number, type)",
                "unique snapshot_event_entry (event_identifier)",
                "unique token_entry (processor_name, segment)",
                // Rotor's own queries: a user's sessions, the audit by user and by session.
                "rm_session (user_id, generation)",
                "rm_audit_index (user_id, generation)",
                "rm_audit_index (session_id, generation)",
                "unique rm_audit_index (event_id, generation)");
        // Payloads inline (bytea), not as large objects.
        assertThat(shape.columns()).anyMatch(column -> column.startsWith("domain_event_entry.payload bytea"));
    }

    @Test
    void aDatabaseOfTheReleaseBeforeMigrationsIsTakenOverWithoutLoss(@TempDir Path folder) {
        ReleaseBeforeMigrations old = new ReleaseBeforeMigrations("postgresql");
        DataSource upgraded = postgres.getDatabase("postgres", "upgraded");
        new ResourceDatabasePopulator(new ClassPathResource("upgrade/before-migrations/postgresql.sql"))
                .execute(upgraded);
        // A table of the releases before rebuildable read models, as upgraded databases still have.
        new JdbcTemplate(upgraded).execute(
                "create table qry_session (session_id varchar(64) not null primary key, user_id varchar(64))");
        List<String> events = ReleaseBeforeMigrations.eventIdentifiers(upgraded);
        assertThat(events).hasSizeGreaterThan(10);

        Map<String, Object> properties = new java.util.HashMap<>(properties("upgraded"));
        properties.put(RotorServer.MASTER_KEY_FILE, old.masterKey(folder));
        try (RotorServer server = RotorServer.start(properties)) {
            old.assertTakenOver(server.client());
        }

        // The new release's events are numbered after the old ones, from the sequence (V7).
        assertThat(ReleaseBeforeMigrations.eventIdentifiers(upgraded)).startsWith(events.toArray(String[]::new))
                .hasSizeGreaterThan(events.size());
        assertThat(SchemaShape.history(upgraded)).containsExactly("0 BASELINE true", "1 SQL true", "2 SQL true",
                "3 SQL true", "4 SQL true", "5 SQL true", "7 SQL true");
        JdbcTemplate jdbc = new JdbcTemplate(upgraded);
        assertThat(jdbc.queryForObject("select to_regclass('qry_session') is null", Boolean.class)).isTrue();
        // The read models were taken over as they were, not rebuilt.
        assertThat(jdbc.queryForList("select distinct active_generation from rotor_read_model", Long.class))
                .containsExactly(1L);
        assertThat(SchemaShape.of(upgraded))
                .isEqualTo(SchemaShape.migrated(postgres.getDatabase("postgres", "reference"), "postgresql"));
    }

    private static Map<String, Object> properties(String database) {
        return Map.of("spring.datasource.url", postgres.getJdbcUrl("postgres", database),
                "spring.datasource.username", "postgres",
                "spring.datasource.password", "postgres");
    }
}
