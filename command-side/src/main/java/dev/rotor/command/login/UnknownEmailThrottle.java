package dev.rotor.command.login;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import dev.rotor.command.account.Lockout;
import dev.rotor.command.account.LoginPolicy;
import dev.rotor.command.account.PasswordHasher;
import dev.rotor.kernel.account.AttemptUnknownEmailLoginCommand;
import dev.rotor.kernel.account.AuthenticationResult;
import dev.rotor.kernel.account.UnknownEmailLockedOutEvent;
import dev.rotor.kernel.account.UnknownEmailLoginFailedEvent;
import java.time.Instant;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * Failed logins of one email that has no account. Event-sourced like an account, so every node and
 * every restart sees the same count, and it takes the same path an account's wrong password takes:
 * one Argon2id verification under the aggregate's lock, the same lockout rule, the same answers in
 * the same order. Ten concurrent attempts give five 401s and five 429s for a known and an unknown
 * email alike.
 */
@Aggregate(cache = "throttleCache")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class UnknownEmailThrottle {

    @AggregateIdentifier
    private String throttleId;
    private Lockout lockout = Lockout.NONE;

    protected UnknownEmailThrottle() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public AuthenticationResult handle(AttemptUnknownEmailLoginCommand command, PasswordHasher hasher,
                                       LoginPolicy policy) {
        Instant now = GenericEventMessage.clock.instant();
        if (lockout.lockedAt(now)) {
            return AuthenticationResult.lockedOut(null, lockout.retryAfterSeconds(now));
        }
        hasher.verifyAgainstDummy(command.password());
        int failures = lockout.nextFailures();
        apply(new UnknownEmailLoginFailedEvent(command.throttleId(), failures, command.ip(), command.userAgent()));
        Instant until = lockout.lockAfter(failures, policy, now);
        if (until != null) {
            apply(new UnknownEmailLockedOutEvent(command.throttleId(), failures, until));
        }
        return AuthenticationResult.failed(null);
    }

    @EventSourcingHandler
    void on(UnknownEmailLoginFailedEvent event) {
        this.throttleId = event.throttleId();
        this.lockout = lockout.failed(event.consecutiveFailures());
    }

    @EventSourcingHandler
    void on(UnknownEmailLockedOutEvent event) {
        this.lockout = lockout.failed(event.failures()).locked(event.lockedUntil());
    }
}
