package dev.rotor.app.readmodel;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** A read model as {@code GET /api/v1/admin/projections} shows it. */
public record ReadModelStatus(
        @JsonProperty("name") String name,
        @JsonProperty("status") String status,
        @JsonProperty("replaying") boolean replaying,
        @JsonProperty("position") long position,
        @JsonProperty("head") long head,
        @JsonProperty("lag") long lag,
        @JsonProperty("active_generation") long activeGeneration,
        @JsonProperty("building_generation") Long buildingGeneration,
        @JsonProperty("rebuild_started_at") Instant rebuildStartedAt,
        @JsonProperty("rebuild_finished_at") Instant rebuildFinishedAt,
        @JsonProperty("last_error") String lastError) {
}
