package dev.rotor.query.audit;

import java.time.Instant;

/**
 * One row of the event store, its payload deserialized, with the user and session the audit index
 * names for it ({@code null} where the index has no row, as for global rotations).
 *
 * @param payload the event, or {@code null} when the stored payload could not be read
 */
record StoredEvent(long globalIndex, String aggregateId, long sequenceNumber, Instant timestamp, String payloadType,
                   Object payload, String indexedUserId, String indexedSessionId) {

    StoredEvent withIndex(String userId, String sessionId) {
        return new StoredEvent(globalIndex, aggregateId, sequenceNumber, timestamp, payloadType, payload, userId,
                sessionId);
    }
}
