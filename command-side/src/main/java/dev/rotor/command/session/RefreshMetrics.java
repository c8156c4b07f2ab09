package dev.rotor.command.session;

import dev.rotor.kernel.session.RefreshResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * {@code rotor_refreshes_total{outcome}} for every refresh, and {@code rotor_reuse_detected_total}
 * for each reuse of a rotated-out token (which revoked its session). Registered once: counting is
 * one increment.
 */
@Component
class RefreshMetrics {

    static final String NAME = "rotor.refreshes";
    static final String REUSE_DETECTED = "rotor.reuse.detected";

    private final Counter rotated;
    private final Counter replayed;
    private final Counter invalidGrant;
    private final Counter reuse;
    private final Counter error;
    private final Counter reuseDetected;

    RefreshMetrics(MeterRegistry registry) {
        rotated = counter(registry, "success");
        replayed = counter(registry, "replayed_within_leeway");
        invalidGrant = counter(registry, "invalid_grant");
        reuse = counter(registry, "reuse_detected");
        error = counter(registry, "error");
        reuseDetected = Counter.builder(REUSE_DETECTED)
                .description("Reuses of a rotated-out refresh token (each revoked its session)").register(registry);
    }

    private static Counter counter(MeterRegistry registry, String outcome) {
        return Counter.builder(NAME).description("Refreshes by outcome").tag("outcome", outcome).register(registry);
    }

    /** What the session decided; {@code null} (no session answered) is a refusal like any other. */
    void decided(RefreshResult result) {
        RefreshResult.Outcome outcome = result == null ? RefreshResult.Outcome.REJECTED : result.outcome();
        switch (outcome) {
            case ROTATED -> rotated.increment();
            case REPLAYED_WITHIN_LEEWAY -> replayed.increment();
            case REJECTED -> invalidGrant.increment();
            case REUSE_DETECTED -> {
                reuse.increment();
                reuseDetected.increment();
            }
        }
    }

    /** Refused before reaching a session: malformed or unknown token. */
    void unknownToken() {
        invalidGrant.increment();
    }

    /** The refresh failed to run (storage, timeout): not the client's fault, and never reuse. */
    void failed() {
        error.increment();
    }
}
