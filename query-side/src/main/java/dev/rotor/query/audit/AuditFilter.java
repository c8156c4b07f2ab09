package dev.rotor.query.audit;

import dev.rotor.kernel.common.ErrorCode;
import dev.rotor.kernel.common.RotorException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The filters of {@code GET /api/v1/admin/audit}, checked. Ids are taken as given (one that names
 * nothing matches nothing); a malformed instant, number or event type is {@code 400
 * invalid_request} naming the parameter.
 *
 * @param payloadTypes stored payload types to keep; empty for all
 * @param from         earliest timestamp kept (inclusive), or {@code null}
 * @param to           latest timestamp kept (inclusive), or {@code null}
 * @param after        the sequence the answer starts after
 */
record AuditFilter(String userId, String sessionId, Set<String> payloadTypes, Instant from, Instant to, long after,
                   int limit) {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    AuditFilter {
        payloadTypes = Set.copyOf(payloadTypes);
    }

    static AuditFilter parse(String userId, String sessionId, String types, String from, String to, String after,
                             String limit) {
        return new AuditFilter(blankToNull(userId), blankToNull(sessionId), payloadTypes(types),
                instant("from", from), instant("to", to), after(after), limit(limit));
    }

    boolean includes(String payloadType) {
        return payloadTypes.isEmpty() || payloadTypes.contains(payloadType);
    }

    boolean includes(Instant timestamp) {
        return (from == null || !timestamp.isBefore(from)) && (to == null || !timestamp.isAfter(to));
    }

    AuditFilter after(long sequence) {
        return new AuditFilter(userId, sessionId, payloadTypes, from, to, sequence, limit);
    }

    /** Parses an instant parameter; {@code null} when absent. */
    static Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeException e) {
            throw invalid(field, "not an ISO-8601 instant such as 2026-03-01T10:00:00Z");
        }
    }

    private static Set<String> payloadTypes(String types) {
        Set<String> payloadTypes = new LinkedHashSet<>();
        if (types == null) {
            return payloadTypes;
        }
        List<String> unknown = new ArrayList<>();
        for (String name : types.split(",")) {
            String trimmed = name.strip();
            if (!trimmed.isEmpty()) {
                AuditEventTypes.payloadTypeOf(trimmed).ifPresentOrElse(payloadTypes::add, () -> unknown.add(trimmed));
            }
        }
        if (!unknown.isEmpty()) {
            throw invalid("type", "unknown event type " + String.join(", ", unknown.stream().map(AuditFilter::shortened)
                    .toList()) + "; known types are " + String.join(", ", AuditEventTypes.names()));
        }
        return payloadTypes;
    }

    private static long after(String value) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            long after = Long.parseLong(value.strip());
            if (after >= 0) {
                return after;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw invalid("after", "must be the sequence of an event (a whole number, 0 or more)");
    }

    private static int limit(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value.strip());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw invalid("limit", "must be a whole number from 1 to " + MAX_LIMIT);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** Echoes a bad value in an error without letting a huge one through. */
    private static String shortened(String value) {
        return value.length() <= 64 ? "'" + value + "'" : "'" + value.substring(0, 64) + "...'";
    }

    static RotorException invalid(String field, String problem) {
        return new RotorException(ErrorCode.INVALID_REQUEST, field + ": " + problem);
    }
}
