package dev.rotor.kernel.token;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A token version minimum was raised. One event type for both scopes, so that every rotation in
 * the event store is found under one name. For {@link RotationScope#GLOBAL} the aggregate is the
 * token policy singleton ({@link TokenPolicyIds#GLOBAL}); for {@link RotationScope#USER} it is the
 * user account and {@code gracePeriodSeconds} is always 0.
 *
 * <p>{@code requestId} names the request that asked for the rotation, so that a retried request is
 * answered from memory rather than applied twice (revision 2; {@code null} in revision 1, and for a
 * rotation that no request named).
 */
@Revision("2")
public record TokenRotatedEvent(
        String aggregateId,
        RotationScope scope,
        long previousVersion,
        long newVersion,
        long gracePeriodSeconds,
        Instant rotatedAt,
        String triggeredBy,
        String reason,
        String requestId) {

    /** A rotation that no request named. */
    public TokenRotatedEvent(String aggregateId, RotationScope scope, long previousVersion, long newVersion,
                             long gracePeriodSeconds, Instant rotatedAt, String triggeredBy, String reason) {
        this(aggregateId, scope, previousVersion, newVersion, gracePeriodSeconds, rotatedAt, triggeredBy, reason, null);
    }

    /** When sessions one version behind stop passing, or {@code null} when there is no grace. */
    public Instant graceUntil() {
        return gracePeriodSeconds > 0 ? rotatedAt.plusSeconds(gracePeriodSeconds) : null;
    }
}
