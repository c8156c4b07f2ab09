package dev.rotor.command.session;

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
 * Which session a refresh token (by its SHA-256 hash) belongs to. Every token a session ever had
 * stays here, so a rotated-out one is still routed to its session and recognised as reuse.
 * Written in the transaction that appends the event.
 */
@ProcessingGroup(RefreshTokenLookup.NAME)
public class RefreshTokenLookup implements RebuildableReadModel {

    public static final String NAME = "refresh-token-lookup";
    static final String TABLE = "lk_refresh_token";

    /** The session and user a refresh token was issued to. */
    public record Owner(String sessionId, String userId) {
    }

    private final JdbcTemplate jdbc;
    private final String insert;
    private final String byHash;

    public RefreshTokenLookup(JdbcTemplate jdbc, Generation generation) {
        this.jdbc = jdbc;
        String g = generation.sql();
        this.insert = "insert into " + TABLE + " (generation, token_hash, session_id, user_id) values (" + g
                + ", ?, ?, ?)";
        this.byHash = "select session_id, user_id from " + TABLE + " where token_hash = ? and generation = " + g;
    }

    @EventHandler
    public void on(SessionIssuedEvent event) {
        jdbc.update(insert, event.refreshTokenHash(), event.sessionId(), event.userId());
    }

    @EventHandler
    public void on(RefreshTokenRotatedEvent event) {
        // Events of revision 1 carry no user: the parent's row, written by the previous event of
        // the same session in this generation, names it.
        String userId = event.userId() != null ? event.userId() : ownerOf(event.previousTokenHash())
                .map(Owner::userId)
                .orElseThrow(() -> new IllegalStateException(
                        "refresh token lookup has no row for the parent token of session " + event.sessionId()));
        jdbc.update(insert, event.newTokenHash(), event.sessionId(), userId);
    }

    public Optional<Owner> ownerOf(String tokenHash) {
        return jdbc.query(byHash, (rs, n) -> new Owner(rs.getString("session_id"), rs.getString("user_id")), tokenHash)
                .stream().findFirst();
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
        return new RefreshTokenLookup(jdbc, generation);
    }
}
