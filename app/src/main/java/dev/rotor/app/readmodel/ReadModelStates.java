package dev.rotor.app.readmodel;

import dev.rotor.kernel.readmodel.Generation;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@code rotor_read_model} table (created by the schema migrations): per read model, the
 * generation that serves reads and live writes, and the state of a rebuild. Claims and switches
 * are single conditional updates, so two nodes can never both rebuild one read model, and a
 * rebuild whose owner stopped beating can be taken over.
 */
final class ReadModelStates {

    private static final String TABLE = Generation.STATE_TABLE;

    private final JdbcTemplate jdbc;

    ReadModelStates(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A new read model starts at generation 0: empty, and built at once (see {@link ReadModelRebuilder}). */
    void insertIfAbsent(String name) {
        if (find(name).isPresent()) {
            return;
        }
        try {
            jdbc.update("insert into " + TABLE + " (name, active_generation, status, position) values (?, 0, ?, 0)",
                    name, ReadModelState.LIVE);
        } catch (DuplicateKeyException another) {
            // Another node inserted it first: the same row.
        }
    }

    Optional<ReadModelState> find(String name) {
        return jdbc.query("select * from " + TABLE + " where name = ?", ReadModelStates::map, name).stream().findFirst();
    }

    List<ReadModelState> all() {
        return jdbc.query("select * from " + TABLE + " order by name", ReadModelStates::map);
    }

    /**
     * Claims the rebuild of {@code name} for {@code owner} unless one is running (a claim whose
     * heartbeat is older than {@code staleBefore} has lost its owner and may be taken over).
     * Answers the generation to build.
     */
    Optional<Long> claim(String name, String owner, Instant now, Instant staleBefore) {
        int claimed = jdbc.update("update " + TABLE + " set status = ?, building_generation = active_generation + 1, "
                        + "owner = ?, started_at = ?, heartbeat_at = ?, finished_at = null, position = 0, "
                        + "last_error = null where name = ? and (status <> ? or heartbeat_at < ?)",
                ReadModelState.REBUILDING, owner, at(now), at(now), name, ReadModelState.REBUILDING, at(staleBefore));
        if (claimed == 0) {
            return Optional.empty();
        }
        return find(name).map(ReadModelState::buildingGeneration);
    }

    /** Records progress; false when the claim was lost (taken over by another node). */
    boolean progress(String name, String owner, long position, Instant now) {
        return jdbc.update("update " + TABLE + " set position = ?, heartbeat_at = ? where name = ? and owner = ? "
                + "and status = ?", position, at(now), name, owner, ReadModelState.REBUILDING) == 1;
    }

    /** Makes the built generation the active one; false when the claim was lost. */
    boolean switchTo(String name, String owner, long generation, long position, Instant now) {
        return jdbc.update("update " + TABLE + " set active_generation = ?, building_generation = null, status = ?, "
                        + "position = ?, finished_at = ?, heartbeat_at = ? where name = ? and owner = ? and status = ?",
                generation, ReadModelState.LIVE, position, at(now), at(now), name, owner,
                ReadModelState.REBUILDING) == 1;
    }

    void failed(String name, String owner, String error, Instant now) {
        String message = error == null ? "unknown error" : error.length() > 500 ? error.substring(0, 500) : error;
        jdbc.update("update " + TABLE + " set status = ?, last_error = ?, finished_at = ? where name = ? and owner = ? "
                + "and status = ?", ReadModelState.FAILED, message, at(now), name, owner, ReadModelState.REBUILDING);
    }

    private static OffsetDateTime at(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static ReadModelState map(ResultSet rs, int row) throws SQLException {
        long building = rs.getLong("building_generation");
        Long buildingGeneration = rs.wasNull() ? null : building;
        return new ReadModelState(rs.getString("name"), rs.getLong("active_generation"), buildingGeneration, rs.getString("status"), rs.getLong("position"),
                instant(rs, "started_at"), instant(rs, "finished_at"), instant(rs, "heartbeat_at"),
                rs.getString("owner"), rs.getString("last_error"));
    }
}
