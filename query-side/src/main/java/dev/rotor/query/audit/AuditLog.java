package dev.rotor.query.audit;

import dev.rotor.kernel.readmodel.Generation;
import dev.rotor.kernel.token.TokenPolicyIds;
import dev.rotor.kernel.token.TokenRotatedEvent;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.serialization.SerializationException;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/**
 * Reads the audit from the event store itself: Axon's {@code domain_event_entry} table, each
 * payload deserialized with Axon's event serializer. A user's or a session's events are found
 * through the audit index ({@link AuditIndexProjection}), never by scanning the store.
 *
 * <p>Axon stores timestamps as ISO-8601 text with 3 to 9 fraction digits, which do not sort exactly
 * as text. SQL therefore bounds them to the whole second and each row is then checked exactly.
 */
@Component
class AuditLog {

    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);

    private static final String TOKEN_ROTATED = TokenRotatedEvent.class.getName();
    private static final String COLUMNS = "e.global_index, e.aggregate_identifier, e.sequence_number, e.time_stamp, "
            + "e.payload_type, e.payload_revision, e.payload";
    private static final String INDEX = AuditIndexProjection.TABLE;

    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final String generation = Generation.live(AuditIndexProjection.NAME).sql();

    AuditLog(JdbcTemplate jdbc, @Qualifier("eventSerializer") Serializer serializer) {
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    /** A page of entries and where the next one starts. */
    record Page(List<AuditEntry> entries, long next, boolean more) {
    }

    /** The events matching {@code filter}, read page by page from {@link AuditFilter#after()} on. */
    final class Query {

        private final AuditFilter filter;
        /** A user's trail holds the global rotations since the user registered: after this sequence. */
        private final Long registeredAfter;

        private Query(AuditFilter filter) {
            this.filter = filter;
            this.registeredAfter = includesGlobalRotations(filter) ? registrationOf(filter.userId()) : null;
        }

        /** Up to {@code size} entries after {@code after}, oldest first. */
        Page page(long after, int size) {
            List<AuditEntry> entries = new ArrayList<>(Math.min(size, 1000));
            long cursor = after;
            while (true) {
                int wanted = size - entries.size();
                List<StoredEvent> rows = rows(cursor, wanted);
                for (StoredEvent row : rows) {
                    cursor = row.globalIndex();
                    if (filter.includes(row.timestamp())) {
                        entries.add(AuditEntries.of(row));
                    }
                }
                if (rows.size() < wanted) {
                    return new Page(entries, cursor, false);
                }
                if (entries.size() == size) {
                    return new Page(entries, cursor, true);
                }
            }
        }

        private List<StoredEvent> rows(long after, int size) {
            if (filter.userId() == null && filter.sessionId() == null) {
                return everything(after, size);
            }
            List<StoredEvent> indexed = indexed(after, size);
            if (registeredAfter == null) {
                return indexed;
            }
            return merge(indexed, globalRotations(Math.max(after, registeredAfter), size), size);
        }

        private List<StoredEvent> everything(long after, int size) {
            List<Object> args = new ArrayList<>();
            StringBuilder sql = new StringBuilder("select ").append(COLUMNS)
                    .append(", a.user_id, a.session_id from domain_event_entry e left join ").append(INDEX)
                    .append(" a on a.event_id = e.event_identifier and a.generation = ").append(generation)
                    .append(" where e.global_index > ?");
            args.add(after);
            conditions(sql, args, true);
            return query(sql, args, size, true);
        }

        private List<StoredEvent> indexed(long after, int size) {
            List<Object> args = new ArrayList<>();
            StringBuilder sql = new StringBuilder("select ").append(COLUMNS)
                    .append(", a.user_id, a.session_id from ").append(INDEX)
                    .append(" a join domain_event_entry e on e.event_identifier = a.event_id where a.generation = ")
                    .append(generation);
            if (filter.userId() != null) {
                sql.append(" and a.user_id = ?");
                args.add(filter.userId());
            }
            if (filter.sessionId() != null) {
                sql.append(" and a.session_id = ?");
                args.add(filter.sessionId());
            }
            sql.append(" and e.global_index > ?");
            args.add(after);
            conditions(sql, args, true);
            return query(sql, args, size, true);
        }

        private List<StoredEvent> globalRotations(long after, int size) {
            List<Object> args = new ArrayList<>();
            StringBuilder sql = new StringBuilder("select ").append(COLUMNS)
                    .append(" from domain_event_entry e where e.aggregate_identifier = ? and e.payload_type = ?")
                    .append(" and e.global_index > ?");
            args.add(TokenPolicyIds.GLOBAL);
            args.add(TOKEN_ROTATED);
            args.add(after);
            conditions(sql, args, false);
            return query(sql, args, size, false);
        }

        private void conditions(StringBuilder sql, List<Object> args, boolean types) {
            if (types && !filter.payloadTypes().isEmpty()) {
                sql.append(" and e.payload_type in (")
                        .append(String.join(", ", filter.payloadTypes().stream().map(t -> "?").toList()))
                        .append(")");
                args.addAll(filter.payloadTypes());
            }
            String from = wholeSecond(filter.from(), 0);
            if (from != null) {
                sql.append(" and e.time_stamp >= ?");
                args.add(from);
            }
            String to = wholeSecond(filter.to(), 1);
            if (to != null) {
                sql.append(" and e.time_stamp < ?");
                args.add(to);
            }
        }

        private List<StoredEvent> query(StringBuilder sql, List<Object> args, int size, boolean indexColumns) {
            sql.append(" order by e.global_index fetch first ").append(size).append(" rows only");
            return jdbc.query(sql.toString(), rowMapper(indexColumns), args.toArray());
        }
    }

    /** The events matching {@code filter}, to be read page by page. */
    Query query(AuditFilter filter) {
        return new Query(filter);
    }

    /** The first stored event of an aggregate, if it has any. */
    Optional<StoredEvent> firstEvent(String aggregateId) {
        List<StoredEvent> rows = jdbc.query("select " + COLUMNS + " from domain_event_entry e"
                + " where e.aggregate_identifier = ? order by e.sequence_number fetch first 1 rows only",
                rowMapper(false), aggregateId);
        return rows.stream().findFirst();
    }

    /**
     * An aggregate's events stored at or before {@code until}, in their order; only those of
     * {@code payloadType} when it is given.
     */
    List<StoredEvent> eventsOf(String aggregateId, String payloadType, Instant until) {
        List<Object> args = new ArrayList<>();
        StringBuilder sql = new StringBuilder("select ").append(COLUMNS)
                .append(" from domain_event_entry e where e.aggregate_identifier = ?");
        args.add(aggregateId);
        if (payloadType != null) {
            sql.append(" and e.payload_type = ?");
            args.add(payloadType);
        }
        String bound = wholeSecond(until, 1);
        if (bound != null) {
            sql.append(" and e.time_stamp < ?");
            args.add(bound);
        }
        sql.append(" order by e.sequence_number");
        return jdbc.query(sql.toString(), rowMapper(false), args.toArray()).stream()
                .filter(row -> !row.timestamp().isAfter(until))
                .toList();
    }

    /** The global rotations stored at or before {@code until}, in order. */
    List<StoredEvent> globalRotations(Instant until) {
        return eventsOf(TokenPolicyIds.GLOBAL, TOKEN_ROTATED, until);
    }

    /** The rotations of one user stored at or before {@code until}, in order. */
    List<StoredEvent> userRotations(String userId, Instant until) {
        return eventsOf(userId, TOKEN_ROTATED, until);
    }

    private boolean includesGlobalRotations(AuditFilter filter) {
        return filter.userId() != null && filter.sessionId() == null && filter.includes(TOKEN_ROTATED);
    }

    /** The sequence of a user's first indexed event (its registration), or {@code null} for an unknown user. */
    private Long registrationOf(String userId) {
        return jdbc.queryForObject("select min(e.global_index) from " + INDEX + " a join domain_event_entry e"
                + " on e.event_identifier = a.event_id where a.generation = " + generation + " and a.user_id = ?",
                Long.class, userId);
    }

    private static List<StoredEvent> merge(List<StoredEvent> a, List<StoredEvent> b, int size) {
        List<StoredEvent> merged = new ArrayList<>(Math.min(size, a.size() + b.size()));
        int i = 0;
        int j = 0;
        while (merged.size() < size && (i < a.size() || j < b.size())) {
            if (j >= b.size() || (i < a.size() && a.get(i).globalIndex() < b.get(j).globalIndex())) {
                merged.add(a.get(i++));
            } else {
                merged.add(b.get(j++));
            }
        }
        return merged;
    }

    /**
     * The stored text of {@code instant}'s whole second, plus {@code plusSeconds}: every timestamp
     * stored within that second sorts at or after it. {@code null} outside the years stored text
     * can be compared in (the exact check on each row then does all the work).
     */
    static String wholeSecond(Instant instant, int plusSeconds) {
        if (instant == null || instant.isBefore(Instant.parse("1000-01-01T00:00:00Z"))
                || !instant.isBefore(Instant.parse("9999-12-31T23:59:58Z"))) {
            return null;
        }
        return DateTimeUtils.formatInstant(instant.truncatedTo(ChronoUnit.SECONDS).plusSeconds(plusSeconds))
                .substring(0, "yyyy-MM-ddTHH:mm:ss".length());
    }

    private RowMapper<StoredEvent> rowMapper(boolean indexColumns) {
        return (rs, rowNum) -> new StoredEvent(rs.getLong("global_index"), rs.getString("aggregate_identifier"),
                rs.getLong("sequence_number"), DateTimeUtils.parseInstant(rs.getString("time_stamp")),
                rs.getString("payload_type"), payload(rs),
                indexColumns ? rs.getString("user_id") : null, indexColumns ? rs.getString("session_id") : null);
    }

    private Object payload(ResultSet rs) throws SQLException {
        String type = rs.getString("payload_type");
        try {
            return serializer.deserialize(new SimpleSerializedObject<>(rs.getBytes("payload"), byte[].class, type,
                    rs.getString("payload_revision")));
        } catch (SerializationException | IllegalArgumentException e) {
            log.warn("Audit: the payload of event {} ({}) cannot be read: {}", rs.getLong("global_index"), type,
                    e.toString());
            return null;
        }
    }
}
