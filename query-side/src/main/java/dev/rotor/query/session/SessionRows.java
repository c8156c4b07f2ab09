package dev.rotor.query.session;

import dev.rotor.kernel.readmodel.Generation;
import dev.rotor.query.readmodel.SqlTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/** The {@code rm_session} table, one generation of it. */
final class SessionRows {

    static final String TABLE = "rm_session";
    private static final String COLUMNS = "session_id, user_id, email, roles, amr, user_version, global_version, "
            + "created_at, last_refreshed_at, idle_expires_at, absolute_expires_at, user_agent, ip, revoked_at, "
            + "revocation_reason";

    private final JdbcTemplate jdbc;
    private final String insert;
    private final String refresh;
    private final String revoke;
    private final String byId;
    private final String unrevokedOfUser;

    SessionRows(JdbcTemplate jdbc, Generation generation) {
        this.jdbc = jdbc;
        String g = generation.sql();
        this.insert = "insert into " + TABLE + " (generation, session_id, user_id, email, roles, amr, user_version, "
                + "global_version, created_at, idle_expires_at, absolute_expires_at, user_agent, ip) "
                + "values (" + g + ", ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        this.refresh = "update " + TABLE + " set last_refreshed_at = ?, idle_expires_at = ? "
                + "where session_id = ? and generation = " + g;
        this.revoke = "update " + TABLE + " set revoked_at = ?, revocation_reason = ? "
                + "where session_id = ? and generation = " + g + " and revoked_at is null";
        this.byId = "select " + COLUMNS + " from " + TABLE + " where session_id = ? and generation = " + g;
        this.unrevokedOfUser = "select " + COLUMNS + " from " + TABLE + " where user_id = ? and generation = " + g
                + " and revoked_at is null order by created_at desc";
    }

    void insert(String sessionId, String userId, String email, List<String> roles, List<String> amr,
                long userVersion, long globalVersion, Instant createdAt, Instant idleExpiresAt,
                Instant absoluteExpiresAt, String userAgent, String ip) {
        jdbc.update(insert, sessionId, userId, email, String.join(",", roles), String.join(",", amr), userVersion,
                globalVersion, SqlTime.of(createdAt), SqlTime.of(idleExpiresAt), SqlTime.of(absoluteExpiresAt),
                userAgent, ip);
    }

    void refreshed(String sessionId, Instant at, Instant idleExpiresAt) {
        jdbc.update(refresh, SqlTime.of(at), SqlTime.of(idleExpiresAt), sessionId);
    }

    void revoked(String sessionId, Instant at, String reason) {
        jdbc.update(revoke, SqlTime.of(at), reason, sessionId);
    }

    Optional<SessionRow> find(String sessionId) {
        return jdbc.query(byId, MAPPER, sessionId).stream().findFirst();
    }

    List<SessionRow> unrevokedOf(String userId) {
        return jdbc.query(unrevokedOfUser, MAPPER, userId);
    }

    private static final RowMapper<SessionRow> MAPPER = SessionRows::map;

    private static SessionRow map(ResultSet rs, int row) throws SQLException {
        return new SessionRow(rs.getString("session_id"), rs.getString("user_id"), rs.getString("email"),
                split(rs.getString("roles")), split(rs.getString("amr")), rs.getLong("user_version"),
                rs.getLong("global_version"), SqlTime.read(rs, "created_at"), SqlTime.read(rs, "last_refreshed_at"),
                SqlTime.read(rs, "idle_expires_at"), SqlTime.read(rs, "absolute_expires_at"),
                rs.getString("user_agent"), rs.getString("ip"), SqlTime.read(rs, "revoked_at"),
                rs.getString("revocation_reason"));
    }

    private static List<String> split(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : List.copyOf(Arrays.asList(joined.split(",")));
    }
}
