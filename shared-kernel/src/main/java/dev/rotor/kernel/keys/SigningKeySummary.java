package dev.rotor.kernel.keys;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** One signing key as {@code GET /api/v1/admin/keys} shows it; {@code retiresAt} is null while active. */
public record SigningKeySummary(
        @JsonProperty("kid") String kid,
        @JsonProperty("status") String status,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("retires_at") Instant retiresAt) {
}
