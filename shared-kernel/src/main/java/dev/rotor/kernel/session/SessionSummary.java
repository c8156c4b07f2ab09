package dev.rotor.kernel.session;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

public record SessionSummary(
        @JsonProperty("session_id") String sessionId,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("last_refreshed_at") Instant lastRefreshedAt,
        @JsonProperty("refresh_expires_at") Instant refreshExpiresAt,
        @JsonProperty("user_agent") String userAgent,
        @JsonProperty("ip") String ip,
        @JsonProperty("current") boolean current) {
}
