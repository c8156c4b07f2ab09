package dev.rotor.query.audit;

import dev.rotor.kernel.token.RotationScope;
import dev.rotor.kernel.token.TokenRotatedEvent;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns a stored event into its audit entry. The well-known fields of every event are lifted out
 * ({@code userId}, {@code sessionId}, {@code ip}, {@code reason}, and whoever acted); the rest go
 * to {@code data} in snake_case, except any field whose name marks it as a secret, which never
 * leaves the event store.
 */
final class AuditEntries {

    /** Fields naming who caused an event, shown as {@code actor}. */
    static final Set<String> ACTOR_FIELDS = Set.of("triggeredBy", "revokedBy", "registeredBy", "changedBy");

    /** Fields shown at the top level of an entry (or, for the aggregate id, already there). */
    static final Set<String> LIFTED_FIELDS = Set.of("userId", "sessionId", "aggregateId", "ip", "reason");

    /** A field whose name contains one of these never reaches {@code data}. */
    static final List<String> SECRET_NAME_PARTS = List.of("hash", "secret", "password", "encrypted", "cipher",
            "token", "private");

    private AuditEntries() {
    }

    static boolean isSecret(String fieldName) {
        String name = fieldName.toLowerCase(Locale.ROOT);
        return SECRET_NAME_PARTS.stream().anyMatch(name::contains);
    }

    /** Whether a field of an event goes to {@code data} (and not to the top level, nor nowhere). */
    static boolean isData(String fieldName) {
        return !LIFTED_FIELDS.contains(fieldName) && !ACTOR_FIELDS.contains(fieldName) && !isSecret(fieldName);
    }

    static AuditEntry of(StoredEvent stored) {
        String userId = stored.indexedUserId();
        String sessionId = stored.indexedSessionId();
        String actor = null;
        String reason = null;
        String ip = null;
        Map<String, Object> data = new LinkedHashMap<>();
        if (stored.payload() instanceof Record event) {
            for (RecordComponent component : event.getClass().getRecordComponents()) {
                String name = component.getName();
                Object value = read(component, event);
                switch (name) {
                    case "userId" -> userId = value == null ? userId : value.toString();
                    case "sessionId" -> sessionId = value == null ? sessionId : value.toString();
                    case "ip" -> ip = text(value);
                    case "reason" -> reason = text(value);
                    case "aggregateId" -> {
                        // shown as aggregate_id, from the event store row
                    }
                    default -> {
                        if (ACTOR_FIELDS.contains(name)) {
                            actor = text(value);
                        } else if (!isSecret(name)) {
                            data.put(snakeCase(name), shown(value));
                        }
                    }
                }
            }
            if (event instanceof TokenRotatedEvent rotation && rotation.scope() == RotationScope.USER) {
                userId = rotation.aggregateId();
            }
        }
        return new AuditEntry(stored.globalIndex(), stored.timestamp(), AuditEventTypes.nameOf(stored.payloadType()),
                stored.aggregateId(), userId, sessionId, actor, reason, ip, Collections.unmodifiableMap(data));
    }

    static String snakeCase(String camelCase) {
        return camelCase.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    private static Object read(RecordComponent component, Record event) {
        try {
            return component.getAccessor().invoke(event);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + event.getClass().getSimpleName() + "."
                    + component.getName(), e);
        }
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    /** Enum constants as the API writes its codes (lower case); everything else as it is. */
    private static Object shown(Object value) {
        return value instanceof Enum<?> constant ? constant.name().toLowerCase(Locale.ROOT) : value;
    }
}
