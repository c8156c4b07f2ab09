package dev.rotor.command.token;

import dev.rotor.kernel.readmodel.Generation;
import dev.rotor.kernel.readmodel.RebuildableReadModel;
import dev.rotor.kernel.token.RotationScope;
import dev.rotor.kernel.token.TokenPolicyIds;
import dev.rotor.kernel.token.TokenRotatedEvent;
import dev.rotor.kernel.token.TokenVersionFloor;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The token version minimums in force now, as the command side knows them: the global one (key
 * {@code global}) and each user's (key {@code user:<id>}). Written in the transaction that appends
 * the rotation, so a refresh right after a rotation sees it. Minimums only rise, so applying a
 * rotation is a maximum.
 */
@ProcessingGroup(TokenFloorLedger.NAME)
public class TokenFloorLedger implements RebuildableReadModel {

    public static final String NAME = "token-floor-ledger";
    static final String TABLE = "lk_token_floor";

    private record Floor(long minVersion, Instant graceUntil) {
    }

    private final JdbcTemplate jdbc;
    private final String raise;
    private final String insertIfAbsent;
    private final String byKey;

    public TokenFloorLedger(JdbcTemplate jdbc, Generation generation) {
        this.jdbc = jdbc;
        String g = generation.sql();
        this.raise = "update " + TABLE + " set min_version = ?, grace_until = ? where floor_key = ? and generation = "
                + g + " and min_version < ?";
        this.insertIfAbsent = "insert into " + TABLE + " (generation, floor_key, min_version, grace_until) select "
                + g + ", ?, ?, ? from " + Generation.STATE_TABLE + " where name = '" + NAME + "' and not exists "
                + "(select 1 from " + TABLE + " where floor_key = ? and generation = " + g + ")";
        this.byKey = "select min_version, grace_until from " + TABLE + " where floor_key = ? and generation = " + g;
    }

    public static String userKey(String userId) {
        return "user:" + userId;
    }

    @EventHandler
    public void on(TokenRotatedEvent event) {
        String key = event.scope() == RotationScope.GLOBAL ? TokenPolicyIds.GLOBAL : userKey(event.aggregateId());
        OffsetDateTime grace = event.graceUntil() == null ? null
                : OffsetDateTime.ofInstant(event.graceUntil(), ZoneOffset.UTC);
        if (jdbc.update(raise, event.newVersion(), grace, key, event.newVersion()) == 0) {
            jdbc.update(insertIfAbsent, key, event.newVersion(), grace, key);
        }
    }

    public long globalMinVersion() {
        Floor global = floor(TokenPolicyIds.GLOBAL);
        return global == null ? TokenVersionFloor.INITIAL_VERSION : global.minVersion();
    }

    public TokenVersionFloor floorFor(String userId) {
        Floor global = floor(TokenPolicyIds.GLOBAL);
        Floor user = floor(userKey(userId));
        return new TokenVersionFloor(
                user == null ? TokenVersionFloor.INITIAL_VERSION : user.minVersion(),
                global == null ? TokenVersionFloor.INITIAL_VERSION : global.minVersion(),
                global == null ? null : global.graceUntil());
    }

    private Floor floor(String key) {
        return jdbc.query(byKey, (rs, n) -> {
            OffsetDateTime grace = rs.getObject("grace_until", OffsetDateTime.class);
            return new Floor(rs.getLong("min_version"), grace == null ? null : grace.toInstant());
        }, key).stream().findFirst().orElse(null);
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
        return new TokenFloorLedger(jdbc, generation);
    }
}
