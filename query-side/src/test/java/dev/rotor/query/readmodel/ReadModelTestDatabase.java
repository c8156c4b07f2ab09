package dev.rotor.query.readmodel;

import dev.rotor.kernel.readmodel.Generation;
import dev.rotor.kernel.readmodel.RebuildableReadModel;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * A private in-memory H2 database with the read-model state table, for projection tests: the live
 * projections' SQL runs exactly as in the server.
 */
public final class ReadModelTestDatabase {

    private final JdbcTemplate jdbc;

    public ReadModelTestDatabase() {
        SingleConnectionDataSource dataSource = new SingleConnectionDataSource(
                "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", true);
        this.jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("create table " + Generation.STATE_TABLE
                + " (name varchar(64) primary key, active_generation bigint not null)");
    }

    public JdbcTemplate jdbc() {
        return jdbc;
    }

    /** Creates the read model's tables with {@code generation} active. */
    public void install(RebuildableReadModel model, long generation) {
        model.schema().forEach(jdbc::execute);
        jdbc.update("insert into " + Generation.STATE_TABLE + " (name, active_generation) values (?, ?)", model.name(),
                generation);
    }

    /** What a rebuild's switch does: another generation becomes the active one. */
    public void activate(String readModel, long generation) {
        jdbc.update("update " + Generation.STATE_TABLE + " set active_generation = ? where name = ?", generation,
                readModel);
    }
}
