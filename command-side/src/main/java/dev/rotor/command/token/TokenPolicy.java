package dev.rotor.command.token;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import dev.rotor.command.account.Credentials;
import dev.rotor.command.account.RecentRotations;
import dev.rotor.kernel.common.ErrorCode;
import dev.rotor.kernel.common.RotorException;
import dev.rotor.kernel.token.GlobalRotationResult;
import dev.rotor.kernel.token.RotationScope;
import dev.rotor.kernel.token.TokenRotatedEvent;
import dev.rotor.kernel.token.TokenVersionFloor;
import dev.rotor.kernel.token.TriggerGlobalTokenRotationCommand;
import java.time.Instant;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/** The singleton that owns {@code global_min_token_version}; created by the first global rotation. */
@Aggregate
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class TokenPolicy {

    public static final long MAX_GRACE_SECONDS = 86_400;

    @AggregateIdentifier
    private String policyId;
    private long globalMinVersion = TokenVersionFloor.INITIAL_VERSION;
    private RecentRotations recentRotations = new RecentRotations();

    protected TokenPolicy() {
    }

    /**
     * Raises the version by one; a request that already did (a retry after a commit whose answer
     * was lost) gets the first rotation's result and changes nothing.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public GlobalRotationResult handle(TriggerGlobalTokenRotationCommand command) {
        String reason = Credentials.requireValidReason(command.reason());
        if (command.gracePeriodSeconds() < 0 || command.gracePeriodSeconds() > MAX_GRACE_SECONDS) {
            throw new RotorException(ErrorCode.INVALID_REQUEST,
                    "grace_period_seconds: must be between 0 and " + MAX_GRACE_SECONDS);
        }
        return recentRotations.of(command.requestId()).map(TokenPolicy::resultOf).orElseGet(() -> {
            Instant now = GenericEventMessage.clock.instant();
            long previous = globalMinVersion;
            TokenRotatedEvent rotation = new TokenRotatedEvent(command.policyId(), RotationScope.GLOBAL, previous,
                    previous + 1, command.gracePeriodSeconds(), now, command.triggeredBy(), reason,
                    command.requestId());
            apply(rotation);
            return resultOf(rotation);
        });
    }

    private static GlobalRotationResult resultOf(TokenRotatedEvent rotation) {
        return new GlobalRotationResult(rotation.previousVersion(), rotation.newVersion(),
                rotation.gracePeriodSeconds());
    }

    @EventSourcingHandler
    void on(TokenRotatedEvent event) {
        this.policyId = event.aggregateId();
        this.globalMinVersion = Math.max(globalMinVersion, event.newVersion());
        this.recentRotations.remember(event);
    }
}
