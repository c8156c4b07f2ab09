package dev.rotor.query.session;

import dev.rotor.kernel.readmodel.Generation;
import dev.rotor.kernel.readmodel.RebuildableReadModel;
import dev.rotor.kernel.session.RefreshTokenRotatedEvent;
import dev.rotor.kernel.session.SessionIssuedEvent;
import java.util.List;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The hash of each session's current refresh token, for introspection: a refresh token is active
 * while it is its session's current one. Only the current token is kept, so a rotated-out token is
 * simply not found (the command side's own lookup keeps every token, to detect reuse). A read model
 * of its own, so that a database from before it existed builds it from the event store at start.
 */
@ProcessingGroup(CurrentRefreshTokenProjection.NAME)
public class CurrentRefreshTokenProjection implements RebuildableReadModel {

    public static final String NAME = "current-refresh-tokens";
    static final String TABLE = "rm_current_refresh_token";

    private final JdbcTemplate jdbc;
    private final String insert;
    private final String rotate;
    private final String byHash;

    public CurrentRefreshTokenProjection(JdbcTemplate jdbc, Generation generation) {
        this.jdbc = jdbc;
        String g = generation.sql();
        this.insert = "insert into " + TABLE + " (generation, session_id, token_hash) values (" + g + ", ?, ?)";
        this.rotate = "update " + TABLE + " set token_hash = ? where session_id = ? and generation = " + g;
        this.byHash = "select session_id from " + TABLE + " where token_hash = ? and generation = " + g;
    }

    @EventHandler
    public void on(SessionIssuedEvent event) {
        jdbc.update(insert, event.sessionId(), event.refreshTokenHash());
    }

    @EventHandler
    public void on(RefreshTokenRotatedEvent event) {
        jdbc.update(rotate, event.newTokenHash(), event.sessionId());
    }

    /** The session whose current refresh token has this hash. */
    public Optional<String> sessionOf(String tokenHash) {
        return jdbc.queryForList(byHash, String.class, tokenHash).stream().findFirst();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> tables() {
        return List.of(TABLE);
    }

    @Override
    public Object projection(Generation generation) {
        return new CurrentRefreshTokenProjection(jdbc, generation);
    }
}
