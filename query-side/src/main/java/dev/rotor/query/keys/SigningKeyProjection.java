package dev.rotor.query.keys;

import dev.rotor.kernel.keys.FindSigningKeysQuery;
import dev.rotor.kernel.keys.SigningKeyActivatedEvent;
import dev.rotor.kernel.keys.SigningKeyGeneratedEvent;
import dev.rotor.kernel.keys.SigningKeyRetiredEvent;
import dev.rotor.kernel.keys.SigningKeyRetiringEvent;
import dev.rotor.kernel.keys.SigningKeyStatus;
import dev.rotor.kernel.keys.SigningKeySummary;
import dev.rotor.kernel.keys.SigningKeySummaryList;
import dev.rotor.kernel.readmodel.Generation;
import dev.rotor.kernel.readmodel.RebuildableReadModel;
import dev.rotor.query.readmodel.ReadModelCache;
import dev.rotor.query.readmodel.SqlTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The key ring as every node reads it: each signing key's public JWK, status and times. Written in
 * the transaction that appends the key ring's events, so a node that reads it after a rotation's
 * answer sees the new key. A retiring key counts as retired once its {@code retires_at} has passed,
 * whether or not its retirement has been recorded: nothing here depends on a scheduled job.
 *
 * <p>The active key's id is the one row read on every signing; it is kept in memory only when this
 * process is the database's only writer (then this projection sees every rotation itself).
 */
@ProcessingGroup(SigningKeyProjection.NAME)
public class SigningKeyProjection implements RebuildableReadModel {

    public static final String NAME = "signing-keys";
    static final String TABLE = "rm_signing_key";
    /** The status of a key whose activation is being appended in the same transaction. */
    private static final String GENERATED = "generated";
    private static final String ACTIVE_KEY = "active";
    private static final String PUBLISHABLE = "publishable";

    /** A key as stored; {@code status} is the stored one, see {@link #statusAt(Instant)}. */
    public record KeyRow(String kid, String publicJwk, String status, Instant createdAt, Instant activatedAt,
                         Instant retiresAt) {

        /** The API status at {@code now}, or empty for a key whose activation is still being appended. */
        public Optional<SigningKeyStatus> statusAt(Instant now) {
            return GENERATED.equals(status) ? Optional.empty()
                    : Optional.of(SigningKeyStatus.fromCode(status).at(now, retiresAt));
        }
    }

    private final JdbcTemplate jdbc;
    private final ReadModelCache<String, String> activeKid;
    /** On a single writer, the rows that can be published (active and retiring); their times are judged per call. */
    private final ReadModelCache<String, List<KeyRow>> publishable;
    private final Clock clock;
    private final String insert;
    private final String activate;
    private final String retireActive;
    private final String retiring;
    private final String retired;
    private final String active;
    private final String byKid;
    private final String published;
    private final String publishableRows;
    private final String all;
    private final String due;

    public SigningKeyProjection(JdbcTemplate jdbc, Generation generation, ReadModelCache<String, String> activeKid,
                                Clock clock) {
        this(jdbc, generation, activeKid, ReadModelCache.disabled(), clock);
    }

    private SigningKeyProjection(JdbcTemplate jdbc, Generation generation, ReadModelCache<String, String> activeKid,
                                 ReadModelCache<String, List<KeyRow>> publishable, Clock clock) {
        this.jdbc = jdbc;
        this.activeKid = activeKid;
        this.publishable = publishable;
        this.clock = clock;
        String g = generation.sql();
        String columns = "kid, public_jwk, status, created_at, activated_at, retires_at";
        this.insert = "insert into " + TABLE + " (generation, kid, public_jwk, status, created_at) select " + g
                + ", ?, ?, '" + GENERATED + "', ? from " + Generation.STATE_TABLE + " where name = '" + NAME
                + "' and not exists (select 1 from " + TABLE + " where kid = ? and generation = " + g + ")";
        this.activate = "update " + TABLE + " set status = 'active', activated_at = ? where kid = ? and generation = " + g;
        this.retireActive = "update " + TABLE + " set status = 'retiring' where kid = ? and status = 'active' "
                + "and generation = " + g;
        this.retiring = "update " + TABLE + " set status = 'retiring', retires_at = ? where kid = ? and generation = " + g;
        this.retired = "update " + TABLE + " set status = 'retired' where kid = ? and generation = " + g;
        this.active = "select kid from " + TABLE + " where status = 'active' and generation = " + g
                + " order by activated_at desc fetch first 1 rows only";
        this.byKid = "select " + columns + " from " + TABLE + " where kid = ? and generation = " + g;
        this.published = "select " + columns + " from " + TABLE + " where generation = " + g
                + " and (status = 'active' or (status = 'retiring' and retires_at > ?)) order by created_at desc";
        this.publishableRows = "select " + columns + " from " + TABLE + " where generation = " + g
                + " and status in ('active', 'retiring') order by created_at desc";
        this.all = "select " + columns + " from " + TABLE + " where generation = " + g + " and status <> '"
                + GENERATED + "' order by created_at desc, kid";
        this.due = "select count(*) from " + TABLE + " where status = 'retiring' and retires_at <= ? and generation = " + g;
    }

    /** The live read model; {@code localCache} only for a single writer. */
    public static SigningKeyProjection live(JdbcTemplate jdbc, boolean localCache, Clock clock) {
        return new SigningKeyProjection(jdbc, Generation.live(NAME),
                localCache ? ReadModelCache.enabled(1) : ReadModelCache.disabled(),
                localCache ? ReadModelCache.enabled(1) : ReadModelCache.disabled(), clock);
    }

    @EventHandler
    public void on(SigningKeyGeneratedEvent event) {
        jdbc.update(insert, event.kid(), event.publicJwk(), SqlTime.of(event.generatedAt()), event.kid());
    }

    @EventHandler
    public void on(SigningKeyActivatedEvent event) {
        if (event.previousKid() != null) {
            jdbc.update(retireActive, event.previousKid());
        }
        jdbc.update(activate, SqlTime.of(event.activatedAt()), event.kid());
        activeKid.changed(ACTIVE_KEY);
        publishable.changed(PUBLISHABLE);
    }

    @EventHandler
    public void on(SigningKeyRetiringEvent event) {
        jdbc.update(retiring, SqlTime.of(event.retiresAt()), event.kid());
        publishable.changed(PUBLISHABLE);
    }

    @EventHandler
    public void on(SigningKeyRetiredEvent event) {
        jdbc.update(retired, event.kid());
        publishable.changed(PUBLISHABLE);
    }

    @QueryHandler
    public SigningKeySummaryList handle(FindSigningKeysQuery query) {
        Instant now = clock.instant();
        return new SigningKeySummaryList(jdbc.query(all, SigningKeyProjection::row).stream()
                .map(key -> new SigningKeySummary(key.kid(), key.statusAt(now).orElseThrow().code(), key.createdAt(),
                        key.retiresAt()))
                .toList());
    }

    /** The id of the key that signs now, or {@code null} before the ring has one. */
    public String activeKid() {
        return activeKid.get(ACTIVE_KEY, k -> jdbc.query(active, (rs, n) -> rs.getString("kid")).stream()
                .findFirst().orElse(null));
    }

    /** When the active key became active, or empty before the ring has one. */
    public Optional<Instant> activeSince() {
        String kid = activeKid();
        return kid == null ? Optional.empty() : key(kid).map(KeyRow::activatedAt);
    }

    public Optional<KeyRow> key(String kid) {
        return jdbc.query(byKid, SigningKeyProjection::row, kid).stream().findFirst();
    }

    /** The keys a token valid at {@code now} may have been signed with: the active one, and the retiring ones. */
    public List<KeyRow> published(Instant now) {
        if (!publishable.isEnabled()) {
            return jdbc.query(published, SigningKeyProjection::row, SqlTime.of(now));
        }
        // A single writer answers from memory (every JWKS request asks): the rows change only with
        // the ring's events, which evict them; whether a retiring key is still published is a matter
        // of the clock, judged here as the query above judges it.
        return publishable.get(PUBLISHABLE, k -> List.copyOf(jdbc.query(publishableRows, SigningKeyProjection::row)))
                .stream()
                .filter(key -> "active".equals(key.status())
                        || (key.retiresAt() != null && key.retiresAt().isAfter(now)))
                .toList();
    }

    /** Whether a retiring key's time has come at {@code now} without its retirement recorded. */
    public boolean retirementDue(Instant now) {
        Long count = jdbc.queryForObject(due, Long.class, SqlTime.of(now));
        return count != null && count > 0;
    }

    private static KeyRow row(ResultSet rs, int n) throws SQLException {
        return new KeyRow(rs.getString("kid"), rs.getString("public_jwk"), rs.getString("status"),
                SqlTime.read(rs, "created_at"), SqlTime.read(rs, "activated_at"), SqlTime.read(rs, "retires_at"));
    }

    @Override
    public void generationSwitched() {
        activeKid.clear();
        publishable.clear();
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
        return new SigningKeyProjection(jdbc, generation, ReadModelCache.disabled(), ReadModelCache.disabled(), clock);
    }
}
