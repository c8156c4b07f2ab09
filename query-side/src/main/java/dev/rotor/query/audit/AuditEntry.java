package dev.rotor.query.audit;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;

/**
 * One stored event as the audit shows it (API.md, "Admin: audit"). {@code sequence} is the event's
 * position in the whole event store (the cursor of {@code after}); {@code data} holds the event's
 * other fields in snake_case, never a secret.
 */
public record AuditEntry(
        @JsonProperty("sequence") long sequence,
        @JsonProperty("timestamp") Instant timestamp,
        @JsonProperty("type") String type,
        @JsonProperty("aggregate_id") String aggregateId,
        @JsonProperty("user_id") String userId,
        @JsonProperty("session_id") String sessionId,
        @JsonProperty("actor") String actor,
        @JsonProperty("reason") String reason,
        @JsonProperty("ip") String ip,
        @JsonProperty("data") Map<String, Object> data) {
}
