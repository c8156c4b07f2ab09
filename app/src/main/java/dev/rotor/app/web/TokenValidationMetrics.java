package dev.rotor.app.web;

import dev.rotor.kernel.token.TokenValidationResponse;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * {@code rotor_token_validations_total{outcome}}: every bearer token a protected endpoint checked.
 * The outcomes are a fixed set registered once: the check runs tens of thousands of times a
 * second, and counting is one increment.
 */
@Component
class TokenValidationMetrics {

    static final String NAME = "rotor.token.validations";

    private final Counter valid;
    private final Counter missing;
    private final Counter invalid;
    private final Counter versionRefused;
    private final Counter unavailable;

    TokenValidationMetrics(MeterRegistry registry) {
        valid = counter(registry, "valid");
        missing = counter(registry, "missing");
        invalid = counter(registry, "invalid");
        versionRefused = counter(registry, "version_refused");
        unavailable = counter(registry, "unavailable");
    }

    private static Counter counter(MeterRegistry registry, String outcome) {
        return Counter.builder(NAME).description("Bearer token checks by outcome")
                .tag("outcome", outcome).register(registry);
    }

    /** No bearer token, or not in the {@code Bearer <token>} form. */
    void missing() {
        missing.increment();
    }

    /** The check could not run (the query side did not answer). */
    void unavailable() {
        unavailable.increment();
    }

    /**
     * The query side's verdict: valid; refused by the token version rule; or invalid for any other
     * reason (signature, claims, expiry, a revoked or unknown session).
     */
    void checked(TokenValidationResponse validation) {
        if (validation != null && validation.valid()) {
            valid.increment();
        } else if (validation != null && validation.versionRefusal() != null) {
            versionRefused.increment();
        } else {
            invalid.increment();
        }
    }
}
