package dev.rotor.query.audit;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/** A session as it stood at one instant, rebuilt from the event store (API.md, "Admin: audit"). */
public record SessionAudit(
        @JsonProperty("session_id") String sessionId,
        @JsonProperty("user_id") String userId,
        @JsonProperty("at") Instant at,
        @JsonProperty("valid") boolean valid,
        @JsonProperty("verdict") String verdict,
        @JsonProperty("explanation") String explanation,
        @JsonProperty("events") List<AuditEntry> events) {
}
