package dev.rotor.query.session;

import dev.rotor.kernel.readmodel.Generation;
import dev.rotor.kernel.readmodel.RebuildableReadModel;
import dev.rotor.kernel.session.FindActiveSessionsByUserQuery;
import dev.rotor.kernel.session.RefreshTokenRotatedEvent;
import dev.rotor.kernel.session.SessionIssuedEvent;
import dev.rotor.kernel.session.SessionRevokedEvent;
import dev.rotor.kernel.session.SessionSummary;
import dev.rotor.kernel.session.SessionSummaryList;
import dev.rotor.kernel.token.TokenVersionFloor;
import dev.rotor.query.readmodel.ReadModelCache;
import dev.rotor.query.token.TokenFloorProjection;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The sessions read model: every token validation checks a session here, and the session lists
 * are read from it. A subscribing processing group, so a row changes in the transaction that
 * appends its event and a revocation is seen by the very next request, on any node sharing the
 * database.
 */
@ProcessingGroup(SessionProjection.NAME)
public class SessionProjection implements RebuildableReadModel {

    public static final String NAME = "sessions";

    private final JdbcTemplate jdbc;
    private final SessionRows rows;
    private final ReadModelCache<String, SessionRow> cache;
    private final TokenFloorProjection floors;
    private final Clock clock;

    public SessionProjection(JdbcTemplate jdbc, Generation generation, ReadModelCache<String, SessionRow> cache,
                             TokenFloorProjection floors, Clock clock) {
        this.jdbc = jdbc;
        this.rows = new SessionRows(jdbc, generation);
        this.cache = cache;
        this.floors = floors;
        this.clock = clock;
    }

    /** The live read model, as the query side serves it. */
    public static SessionProjection live(JdbcTemplate jdbc, boolean localCache, long cacheSize,
                                         TokenFloorProjection floors, Clock clock) {
        return new SessionProjection(jdbc, Generation.live(NAME),
                localCache ? ReadModelCache.enabled(cacheSize) : ReadModelCache.disabled(), floors, clock);
    }

    @EventHandler
    public void on(SessionIssuedEvent event) {
        rows.insert(event.sessionId(), event.userId(), event.email(), event.roles(), event.amr(), event.userVersion(),
                event.globalVersion(), event.issuedAt(), event.idleExpiresAt(), event.absoluteExpiresAt(),
                event.userAgent(), event.ip());
        cache.changed(event.sessionId());
    }

    @EventHandler
    public void on(RefreshTokenRotatedEvent event) {
        rows.refreshed(event.sessionId(), event.rotatedAt(), event.idleExpiresAt());
        cache.changed(event.sessionId());
    }

    @EventHandler
    public void on(SessionRevokedEvent event) {
        rows.revoked(event.sessionId(), event.revokedAt(), event.reason());
        cache.changed(event.sessionId());
    }

    /** The session behind an access token; from memory where that is safe. */
    public Optional<SessionRow> session(String sessionId) {
        return Optional.ofNullable(cache.get(sessionId, id -> rows.find(id).orElse(null)));
    }

    /** Active sessions of a user, newest first: not revoked, not expired, not left behind by a rotation. */
    @QueryHandler
    public SessionSummaryList handle(FindActiveSessionsByUserQuery query) {
        Instant now = clock.instant();
        TokenVersionFloor floor = floors.floorFor(query.userId());
        return new SessionSummaryList(rows.unrevokedOf(query.userId()).stream()
                .filter(row -> row.isActiveAt(now))
                .filter(row -> floor.judge(row.userVersion(), row.globalVersion(), now).accepted())
                .map(row -> new SessionSummary(row.sessionId(), row.createdAt(), row.lastRefreshedAt(),
                        row.refreshExpiresAt(), row.userAgent(), row.ip(),
                        row.sessionId().equals(query.currentSessionId())))
                .toList());
    }

    @Override
    public void generationSwitched() {
        cache.clear();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> tables() {
        return List.of(SessionRows.TABLE);
    }

    @Override
    public Object projection(Generation generation) {
        return new SessionProjection(jdbc, generation, ReadModelCache.disabled(), floors, clock);
    }
}
