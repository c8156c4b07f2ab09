package dev.rotor.command.login;

import dev.rotor.kernel.common.ErrorCode;
import dev.rotor.kernel.common.RotorException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * {@code rotor_logins_total{outcome}}: every password login and second step, by how it ended.
 * The outcomes are a fixed set, registered once, so counting is one increment.
 */
@Component
public class LoginMetrics {

    static final String NAME = "rotor.logins";

    private final Counter success;
    private final Counter mfaRequired;
    private final Counter invalidCredentials;
    private final Counter invalidMfa;
    private final Counter lockedOut;
    private final Counter serverBusy;
    private final Counter error;

    LoginMetrics(MeterRegistry registry) {
        success = counter(registry, "success");
        mfaRequired = counter(registry, "mfa_required");
        invalidCredentials = counter(registry, "invalid_credentials");
        invalidMfa = counter(registry, "invalid_mfa");
        lockedOut = counter(registry, "locked_out");
        serverBusy = counter(registry, "server_busy");
        error = counter(registry, "error");
    }

    private static Counter counter(MeterRegistry registry, String outcome) {
        return Counter.builder(NAME).description("Logins (password and second step) by outcome")
                .tag("outcome", outcome).register(registry);
    }

    /** A login turned away before it reached the use case because the hashing line was full. */
    public void turnedAwayBusy() {
        serverBusy.increment();
    }

    void succeeded() {
        success.increment();
    }

    void mfaRequired() {
        mfaRequired.increment();
    }

    void refused(RuntimeException refusal) {
        ErrorCode code = refusal instanceof RotorException rotor ? rotor.errorCode() : null;
        Counter counter = code == null ? error : switch (code) {
            case INVALID_CREDENTIALS -> invalidCredentials;
            case INVALID_MFA -> invalidMfa;
            case TOO_MANY_ATTEMPTS -> lockedOut;
            case SERVER_BUSY -> serverBusy;
            default -> error;
        };
        counter.increment();
    }
}
