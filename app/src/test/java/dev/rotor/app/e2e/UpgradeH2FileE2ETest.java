package dev.rotor.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * The default store's upgrade: an H2 file made by the last release without schema migrations is
 * taken over by today's server (Flyway adopts it at version 0, then runs every migration) with its
 * users, sessions, key material and audit intact, and ends with the schema a new database gets.
 */
class UpgradeH2FileE2ETest {

    @Test
    void anH2FileOfTheReleaseBeforeMigrationsKeepsEverything(@TempDir Path folder) {
        ReleaseBeforeMigrations old = new ReleaseBeforeMigrations("h2");
        String url = "jdbc:h2:file:" + folder.resolve("rotor").toAbsolutePath();
        DataSource database = new SimpleDriverDataSource(new org.h2.Driver(), url, "sa", "");
        JdbcTemplate jdbc = new JdbcTemplate(database);
        jdbc.execute("runscript from '" + old.dump(folder) + "'");
        // A table of the releases before rebuildable read models, as upgraded databases still have.
        jdbc.execute("create table qry_session (session_id varchar(64) not null primary key, user_id varchar(64))");
        List<String> events = ReleaseBeforeMigrations.eventIdentifiers(database);
        assertThat(events).hasSizeGreaterThan(10);

        try (RotorServer server = RotorServer.start(Map.of("spring.datasource.url", url,
                RotorServer.MASTER_KEY_FILE, old.masterKey(folder)))) {
            old.assertTakenOver(server.client());
        }

        // The new release's events are numbered after the old ones, from the sequence (V7).
        assertThat(ReleaseBeforeMigrations.eventIdentifiers(database)).startsWith(events.toArray(String[]::new))
                .hasSizeGreaterThan(events.size());
        assertThat(SchemaShape.history(database)).containsExactly("0 BASELINE true", "1 SQL true", "2 SQL true",
                "3 SQL true", "4 SQL true", "5 SQL true", "6 SQL true", "7 SQL true");
        assertThat(jdbc.queryForObject("select setting_value from information_schema.settings"
                + " where setting_name = 'MAX_LENGTH_INPLACE_LOB'", String.class))
                .as("event payloads are kept in their rows (V6)").isEqualTo("16384");
        assertThat(jdbc.queryForObject("select count(*) from information_schema.tables where table_name = 'QRY_SESSION'",
                Integer.class)).isZero();
        // The read models were taken over as they were, not rebuilt.
        assertThat(jdbc.queryForList("select distinct active_generation from rotor_read_model", Long.class))
                .containsExactly(1L);
        DataSource empty = new SimpleDriverDataSource(new org.h2.Driver(),
                "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        assertThat(SchemaShape.of(database)).isEqualTo(SchemaShape.migrated(empty, "h2"));
    }
}
