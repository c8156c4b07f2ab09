package dev.rotor.app.readmodel;

import java.time.Instant;

/** One read model's row of {@code rotor_read_model}: which generation serves, and any rebuild. */
record ReadModelState(
        String name,
        long activeGeneration,
        Long buildingGeneration,
        String status,
        long position,
        Instant startedAt,
        Instant finishedAt,
        Instant heartbeatAt,
        String owner,
        String lastError) {

    static final String LIVE = "live";
    static final String REBUILDING = "rebuilding";
    static final String FAILED = "rebuild_failed";

    boolean rebuilding() {
        return REBUILDING.equals(status);
    }
}
