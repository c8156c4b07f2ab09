package dev.rotor.command.keys;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.rotor.command.account.Credentials;
import dev.rotor.kernel.common.ErrorCode;
import dev.rotor.kernel.common.RotorException;
import dev.rotor.kernel.keys.AdoptSigningKeyCommand;
import dev.rotor.kernel.keys.RetireDueSigningKeysCommand;
import dev.rotor.kernel.keys.RotateSigningKeyCommand;
import dev.rotor.kernel.keys.RotateSigningKeyIfDueCommand;
import dev.rotor.kernel.keys.SigningKeyActivatedEvent;
import dev.rotor.kernel.keys.SigningKeyGeneratedEvent;
import dev.rotor.kernel.keys.SigningKeyRetiredEvent;
import dev.rotor.kernel.keys.SigningKeyRetiringEvent;
import dev.rotor.kernel.keys.SigningKeyRotationResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * The singleton that decides which key signs access tokens: exactly one active key at a time, the
 * keys it replaced retiring until every token they signed has expired, then retired. Every node
 * appends to this one aggregate, so two nodes rotating at once conflict and one of them retries
 * against the other's result; no two keys are ever active together.
 */
@Aggregate
public class SigningKeyRing {

    /** Who acted when no person did: the first key, scheduled rotations, retirements. */
    public static final String SYSTEM = "system";
    public static final String ADOPTED_REASON = "first key of the key ring";
    public static final String SCHEDULED_REASON = "scheduled rotation";
    public static final String MISSING_KEY_REASON = "the active key's private half is missing from the key material";
    /** Requests remembered for idempotent retries; retries come within a second, rotations are rare. */
    static final int REMEMBERED_REQUESTS = 100;

    @AggregateIdentifier
    private String ringId;
    private String activeKid;
    private Instant activeSince;
    /** Retiring keys (not yet recorded as retired) and when they retire. */
    private final Map<String, Instant> retiring = new LinkedHashMap<>();
    private final LinkedHashMap<String, SigningKeyRotationResult> recentRequests = new LinkedHashMap<>();

    protected SigningKeyRing() {
    }

    /**
     * Makes a new key the active one. A request that already did (a retry after a commit whose answer
     * was lost) gets its first result and changes nothing. A ring without a key first adopts the
     * server's initial key, so tokens it signed stay valid through the rotation.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public SigningKeyRotationResult handle(RotateSigningKeyCommand command, SigningKeyVault vault) {
        String reason = Credentials.requireValidReason(command.reason());
        SigningKeyRotationResult earlier = command.requestId() == null ? null : recentRequests.get(command.requestId());
        if (earlier != null) {
            return earlier;
        }
        if (activeKid == null) {
            adopt(command.ringId(), vault.initialKey());
        }
        return rotate(command.ringId(), vault, command.triggeredBy(), reason, command.requestId());
    }

    /** Rotates when the active key is {@code maxAgeSeconds} old or older; answers {@code null} otherwise. */
    @CommandHandler
    public SigningKeyRotationResult handle(RotateSigningKeyIfDueCommand command, SigningKeyVault vault) {
        if (command.maxAgeSeconds() <= 0) {
            throw new RotorException(ErrorCode.INVALID_REQUEST, "max_age_seconds: must be positive");
        }
        Instant now = GenericEventMessage.clock.instant();
        if (activeKid == null || now.isBefore(activeSince.plusSeconds(command.maxAgeSeconds()))) {
            return null;
        }
        return rotate(command.ringId(), vault, SYSTEM, SCHEDULED_REASON, null);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(AdoptSigningKeyCommand command) {
        if (activeKid != null) {
            return;
        }
        if (command.kid() == null || command.kid().isBlank() || command.publicJwk() == null) {
            throw new RotorException(ErrorCode.INVALID_REQUEST, "kid and public_jwk are required");
        }
        adopt(command.ringId(), new SigningKeyVault.PublicSigningKey(command.kid(), command.publicJwk(),
                command.createdAt()));
    }

    @CommandHandler
    public void handle(RetireDueSigningKeysCommand command) {
        Instant now = GenericEventMessage.clock.instant();
        List<String> due = new ArrayList<>();
        retiring.forEach((kid, retiresAt) -> {
            if (!now.isBefore(retiresAt)) {
                due.add(kid);
            }
        });
        for (String kid : due) {
            apply(new SigningKeyRetiredEvent(command.ringId(), kid, now));
        }
    }

    private void adopt(String ringId, SigningKeyVault.PublicSigningKey key) {
        Instant now = GenericEventMessage.clock.instant();
        apply(new SigningKeyGeneratedEvent(ringId, key.kid(), key.publicJwk(),
                key.createdAt() == null ? now : key.createdAt()));
        apply(new SigningKeyActivatedEvent(ringId, key.kid(), null, now, SYSTEM, ADOPTED_REASON, null));
    }

    private SigningKeyRotationResult rotate(String ringId, SigningKeyVault vault, String triggeredBy, String reason,
                                            String requestId) {
        Instant now = GenericEventMessage.clock.instant();
        String previous = activeKid;
        SigningKeyVault.PublicSigningKey key = vault.generate();
        apply(new SigningKeyGeneratedEvent(ringId, key.kid(), key.publicJwk(), now));
        apply(new SigningKeyActivatedEvent(ringId, key.kid(), previous, now, triggeredBy, reason, requestId));
        if (previous != null) {
            apply(new SigningKeyRetiringEvent(ringId, previous, now, now.plus(vault.retirementDelay())));
        }
        return new SigningKeyRotationResult(key.kid(), previous);
    }

    @EventSourcingHandler
    void on(SigningKeyGeneratedEvent event) {
        this.ringId = event.aggregateId();
    }

    @EventSourcingHandler
    void on(SigningKeyActivatedEvent event) {
        this.ringId = event.aggregateId();
        this.activeKid = event.kid();
        this.activeSince = event.activatedAt();
        if (event.requestId() != null) {
            recentRequests.put(event.requestId(), new SigningKeyRotationResult(event.kid(), event.previousKid()));
            while (recentRequests.size() > REMEMBERED_REQUESTS) {
                recentRequests.remove(recentRequests.keySet().iterator().next());
            }
        }
    }

    @EventSourcingHandler
    void on(SigningKeyRetiringEvent event) {
        retiring.put(event.kid(), event.retiresAt());
    }

    @EventSourcingHandler
    void on(SigningKeyRetiredEvent event) {
        retiring.remove(event.kid());
    }
}
