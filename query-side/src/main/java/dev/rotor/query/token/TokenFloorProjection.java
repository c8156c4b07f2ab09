package dev.rotor.query.token;

import dev.rotor.kernel.readmodel.Generation;
import dev.rotor.kernel.readmodel.RebuildableReadModel;
import dev.rotor.kernel.token.RotationScope;
import dev.rotor.kernel.token.TokenPolicyIds;
import dev.rotor.kernel.token.TokenRotatedEvent;
import dev.rotor.kernel.token.TokenVersionFloor;
import dev.rotor.query.readmodel.ReadModelCache;
import dev.rotor.query.readmodel.SqlTime;
import java.time.Instant;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The token version minimums validation judges against: key {@code global} for
 * {@code global_min_token_version}, {@code user:<id>} for a user's {@code min_token_version}; no row
 * means the initial version. A rotation only ever raises a minimum, so applying rotations is a
 * maximum and the order they arrive in does not matter.
 */
@ProcessingGroup(TokenFloorProjection.NAME)
public class TokenFloorProjection implements RebuildableReadModel {

    public static final String NAME = "token-floors";
    static final String TABLE = "rm_token_floor";

    /** A stored minimum. */
    record Floor(long minVersion, Instant graceUntil) {
        static final Floor INITIAL = new Floor(TokenVersionFloor.INITIAL_VERSION, null);
    }

    private final JdbcTemplate jdbc;
    private final ReadModelCache<String, Floor> cache;
    private final String raise;
    private final String insertIfAbsent;
    private final String byKey;

    public TokenFloorProjection(JdbcTemplate jdbc, Generation generation, ReadModelCache<String, Floor> cache) {
        this.jdbc = jdbc;
        this.cache = cache;
        String g = generation.sql();
        this.raise = "update " + TABLE + " set min_version = ?, grace_until = ?, rotated_at = ? "
                + "where floor_key = ? and generation = " + g + " and min_version < ?";
        this.insertIfAbsent = "insert into " + TABLE + " (generation, floor_key, min_version, grace_until, rotated_at) "
                + "select " + g + ", ?, ?, ?, ? from " + Generation.STATE_TABLE + " where name = '" + NAME
                + "' and not exists (select 1 from " + TABLE + " where floor_key = ? and generation = " + g + ")";
        this.byKey = "select min_version, grace_until from " + TABLE + " where floor_key = ? and generation = " + g;
    }

    /** The live read model, as the query side serves it. */
    public static TokenFloorProjection live(JdbcTemplate jdbc, boolean localCache, long cacheSize) {
        return new TokenFloorProjection(jdbc, Generation.live(NAME),
                localCache ? ReadModelCache.enabled(cacheSize) : ReadModelCache.disabled());
    }

    @EventHandler
    public void on(TokenRotatedEvent event) {
        String key = keyOf(event);
        Object grace = SqlTime.of(event.graceUntil());
        Object at = SqlTime.of(event.rotatedAt());
        if (jdbc.update(raise, event.newVersion(), grace, at, key, event.newVersion()) == 0) {
            jdbc.update(insertIfAbsent, key, event.newVersion(), grace, at, key);
        }
        cache.changed(key);
    }

    /** The minimums a session of {@code userId} is judged against now. */
    public TokenVersionFloor floorFor(String userId) {
        Floor user = floor(userKey(userId));
        Floor global = floor(TokenPolicyIds.GLOBAL);
        return new TokenVersionFloor(user.minVersion(), global.minVersion(), global.graceUntil());
    }

    private Floor floor(String key) {
        Floor floor = cache.get(key, k -> jdbc.query(byKey,
                (rs, n) -> new Floor(rs.getLong("min_version"), SqlTime.read(rs, "grace_until")), k)
                .stream().findFirst().orElse(null));
        return floor == null ? Floor.INITIAL : floor;
    }

    @Override
    public void generationSwitched() {
        cache.clear();
    }

    static String userKey(String userId) {
        return "user:" + userId;
    }

    private static String keyOf(TokenRotatedEvent event) {
        return event.scope() == RotationScope.GLOBAL ? TokenPolicyIds.GLOBAL : userKey(event.aggregateId());
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
        return new TokenFloorProjection(jdbc, generation, ReadModelCache.disabled());
    }
}
