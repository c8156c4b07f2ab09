package dev.rotor.app.keys;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a {@link MasterKeyException} at start into Spring Boot's "APPLICATION FAILED TO START"
 * report (what is wrong, what to do) instead of a stack trace. Registered in
 * {@code META-INF/spring.factories}.
 */
public class MasterKeyFailureAnalyzer extends AbstractFailureAnalyzer<MasterKeyException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MasterKeyException cause) {
        return new FailureAnalysis(cause.problem() + ".", cause.action(), cause);
    }
}
