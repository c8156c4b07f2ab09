package dev.rotor.query.readmodel;

import dev.rotor.kernel.readmodel.Generation;
import dev.rotor.kernel.readmodel.RebuildableReadModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.springframework.core.io.FileSystemResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * A private in-memory H2 database with the server's read-model tables, for projection tests: the
 * tables come from the server's own schema migrations (the common ones, in version order), so the
 * live projections' SQL runs on exactly the server's schema.
 */
public final class ReadModelTestDatabase {

    /** Where the server keeps the migrations shared by H2 and PostgreSQL, from the project's root. */
    private static final Path MIGRATIONS = Path.of("app", "src", "main", "resources", "db", "migration", "common");

    private final JdbcTemplate jdbc;

    public ReadModelTestDatabase() {
        SingleConnectionDataSource dataSource = new SingleConnectionDataSource(
                "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", true);
        this.jdbc = new JdbcTemplate(dataSource);
        ResourceDatabasePopulator migrations = new ResourceDatabasePopulator();
        migrations().forEach(script -> migrations.addScript(new FileSystemResource(script)));
        migrations.execute(dataSource);
    }

    public JdbcTemplate jdbc() {
        return jdbc;
    }

    /** Makes the read model known with {@code generation} active (its tables exist already). */
    public void install(RebuildableReadModel model, long generation) {
        jdbc.update("insert into " + Generation.STATE_TABLE + " (name, active_generation, status, position) "
                + "values (?, ?, 'LIVE', 0)", model.name(), generation);
    }

    /** What a rebuild's switch does: another generation becomes the active one. */
    public void activate(String readModel, long generation) {
        jdbc.update("update " + Generation.STATE_TABLE + " set active_generation = ? where name = ?", generation,
                readModel);
    }

    private static List<Path> migrations() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve(MIGRATIONS))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no " + MIGRATIONS + " above " + Path.of("").toAbsolutePath());
        }
        try (Stream<Path> files = Files.list(dir.resolve(MIGRATIONS))) {
            return files.filter(file -> file.getFileName().toString().matches("V\\d+(_\\d+)*__.*\\.sql"))
                    .sorted(Comparator.comparing(ReadModelTestDatabase::version))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** V2_1__x.sql as "00002.00001", so that the files sort in Flyway's order. */
    private static String version(Path file) {
        String version = file.getFileName().toString().substring(1).split("__")[0];
        StringBuilder sortable = new StringBuilder();
        for (String part : version.split("_")) {
            sortable.append(String.format("%09d.", Long.parseLong(part)));
        }
        return sortable.toString();
    }
}
