package dev.rotor.kernel.keys;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * Key {@code kid} is no longer published, and nothing it signed is valid any more. Recorded after
 * its {@code retiresAt} has passed; readers treat a retiring key as retired from that moment on, so
 * nothing depends on when this event is appended.
 */
@Revision("1")
public record SigningKeyRetiredEvent(
        String aggregateId,
        String kid,
        Instant retiredAt) {
}
