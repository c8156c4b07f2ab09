package dev.rotor.kernel.keys;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * Key {@code kid} signs nothing new from {@code retiringAt}; tokens it signed stay valid until they
 * expire, so it stays in the published key set until {@code retiresAt} (the access-token lifetime,
 * the verifiers' clock skew and a margin after {@code retiringAt}), and no longer.
 */
@Revision("1")
public record SigningKeyRetiringEvent(
        String aggregateId,
        String kid,
        Instant retiringAt,
        Instant retiresAt) {
}
