package dev.rotor.kernel.token;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A token version minimum was raised. One event type for both scopes, so that every rotation in
 * the event store is found under one name. For {@link RotationScope#GLOBAL} the aggregate is the
 * token policy singleton ({@link TokenPolicyIds#GLOBAL}); for {@link RotationScope#USER} it is the
 * user account and {@code gracePeriodSeconds} is always 0.
 */
@Revision("1")
public record TokenRotatedEvent(
        String aggregateId,
        RotationScope scope,
        long previousVersion,
        long newVersion,
        long gracePeriodSeconds,
        Instant rotatedAt,
        String triggeredBy,
        String reason) {

    /** When sessions one version behind stop passing, or {@code null} when there is no grace. */
    public Instant graceUntil() {
        return gracePeriodSeconds > 0 ? rotatedAt.plusSeconds(gracePeriodSeconds) : null;
    }
}
