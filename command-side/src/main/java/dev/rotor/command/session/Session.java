package dev.rotor.command.session;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import dev.rotor.kernel.common.ErrorCode;
import dev.rotor.kernel.common.RotorException;
import dev.rotor.kernel.session.IssueSessionCommand;
import dev.rotor.kernel.session.RecordTokenVersionRefusalCommand;
import dev.rotor.kernel.session.RefreshResult;
import dev.rotor.kernel.session.RefreshSessionCommand;
import dev.rotor.kernel.session.RefreshTokenReuseDetectedEvent;
import dev.rotor.kernel.session.RefreshTokenRotatedEvent;
import dev.rotor.kernel.session.RevocationOutcome;
import dev.rotor.kernel.session.RevocationReasons;
import dev.rotor.kernel.session.RevokeSessionCommand;
import dev.rotor.kernel.session.SessionIssuedEvent;
import dev.rotor.kernel.session.SessionRefusedForTokenVersionEvent;
import dev.rotor.kernel.session.SessionRevokedEvent;
import dev.rotor.kernel.token.RotationScope;
import dev.rotor.kernel.token.TokenVersionFloor;
import dev.rotor.kernel.token.TokenVersionVerdict;
import java.time.Instant;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One login's session and its refresh token family. It knows only the hashes of its current token
 * and of that token's parent: enough to rotate, to answer a racing client within the leeway, and to
 * recognise any other token routed to it as reuse.
 */
@Aggregate(cache = "sessionCache", snapshotTriggerDefinition = "sessionSnapshotTrigger")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class Session {

    @AggregateIdentifier
    private String sessionId;
    private String userId;
    private String email;
    private List<String> roles;
    private List<String> amr;
    private long userVersion;
    private long globalVersion;
    /** The hash of the first refresh token, which a repeated issue must present. */
    private String issuedTokenHash;
    private String currentTokenHash;
    private String parentTokenHash;
    private Instant rotatedAt;
    private Instant idleExpiresAt;
    private Instant absoluteExpiresAt;
    private boolean revoked;
    private boolean refusedForTokenVersion;

    protected Session() {
    }

    /**
     * Opens the session. Created if missing rather than by a constructor, so that a retry after a
     * commit whose answer was lost (the connection died after the database had it) finds the
     * session it opened and succeeds quietly, with no second event; any other command naming an
     * existing session is refused.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(IssueSessionCommand command, SessionPolicy policy) {
        if (command.refreshTokenHash() == null || command.userId() == null) {
            throw new RotorException(ErrorCode.INVALID_REQUEST, "a session needs a user and a refresh token");
        }
        if (sessionId != null) {
            if (userId.equals(command.userId()) && command.refreshTokenHash().equals(issuedTokenHash)) {
                return;
            }
            throw new RotorException(ErrorCode.INTERNAL_ERROR, "session: already issued to another login");
        }
        Instant now = GenericEventMessage.clock.instant();
        Instant absolute = now.plus(policy.absoluteLifetime());
        Instant idle = min(now.plus(policy.idleTimeout()), absolute);
        apply(new SessionIssuedEvent(command.sessionId(), command.userId(), command.email(),
                List.copyOf(command.roles()), List.copyOf(command.amr()), command.userVersion(),
                command.globalVersion(), command.refreshTokenHash(), command.userAgent(), command.ip(), now, idle,
                absolute));
    }

    @CommandHandler
    public RefreshResult handle(RefreshSessionCommand command, SessionPolicy policy) {
        Instant now = GenericEventMessage.clock.instant();
        if (revoked || isExpired(now)) {
            return RefreshResult.rejected(sessionId, RefreshResult.Outcome.REJECTED);
        }
        if (refuseForTokenVersion(command.floor(), now)) {
            return RefreshResult.rejected(sessionId, RefreshResult.Outcome.REJECTED);
        }
        if (command.presentedTokenHash().equals(currentTokenHash)) {
            Instant idle = min(now.plus(policy.idleTimeout()), absoluteExpiresAt);
            apply(new RefreshTokenRotatedEvent(sessionId, userId, currentTokenHash, command.successorTokenHash(), now, idle,
                    command.ip(), command.userAgent()));
            return success(RefreshResult.Outcome.ROTATED);
        }
        boolean parentWithinLeeway = command.presentedTokenHash().equals(parentTokenHash)
                && rotatedAt != null
                && !now.isAfter(rotatedAt.plus(policy.reuseLeeway()))
                && command.successorTokenHash().equals(currentTokenHash);
        if (parentWithinLeeway) {
            return success(RefreshResult.Outcome.REPLAYED_WITHIN_LEEWAY);
        }
        apply(new RefreshTokenReuseDetectedEvent(sessionId, userId, command.presentedTokenHash(), now, command.ip(),
                command.userAgent()));
        apply(new SessionRevokedEvent(sessionId, userId, RevocationReasons.REFRESH_TOKEN_REUSE, "system", now));
        return RefreshResult.rejected(sessionId, RefreshResult.Outcome.REUSE_DETECTED);
    }

    @CommandHandler
    public void handle(RecordTokenVersionRefusalCommand command) {
        if (!revoked) {
            refuseForTokenVersion(command.floor(), GenericEventMessage.clock.instant());
        }
    }

    /**
     * Judges the stamped versions; on the first refusal records why (which scope, which versions),
     * later refusals record nothing so a replayed old token cannot flood the event store.
     */
    private boolean refuseForTokenVersion(TokenVersionFloor floor, Instant now) {
        TokenVersionVerdict verdict = floor.judge(userVersion, globalVersion, now);
        if (verdict.accepted()) {
            return false;
        }
        if (!refusedForTokenVersion) {
            boolean userScope = verdict == TokenVersionVerdict.USER_VERSION_TOO_OLD;
            apply(new SessionRefusedForTokenVersionEvent(sessionId, userId,
                    userScope ? RotationScope.USER : RotationScope.GLOBAL,
                    userScope ? userVersion : globalVersion,
                    userScope ? floor.userMinVersion() : floor.globalMinVersion(), now));
        }
        return true;
    }

    @CommandHandler
    public RevocationOutcome handle(RevokeSessionCommand command) {
        if (command.ownerUserId() != null && !command.ownerUserId().equals(userId)) {
            throw new RotorException(ErrorCode.NOT_FOUND, "no such session");
        }
        Instant now = GenericEventMessage.clock.instant();
        if (revoked || isExpired(now)) {
            return RevocationOutcome.ALREADY_INACTIVE;
        }
        apply(new SessionRevokedEvent(sessionId, userId, command.reason(), command.revokedBy(), now));
        return RevocationOutcome.REVOKED;
    }

    private RefreshResult success(RefreshResult.Outcome outcome) {
        return new RefreshResult(outcome, sessionId, userId, email, roles, amr, userVersion, idleExpiresAt);
    }

    private boolean isExpired(Instant now) {
        return !now.isBefore(idleExpiresAt) || !now.isBefore(absoluteExpiresAt);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    @EventSourcingHandler
    void on(SessionIssuedEvent event) {
        this.sessionId = event.sessionId();
        this.userId = event.userId();
        this.email = event.email();
        this.roles = List.copyOf(event.roles());
        this.amr = List.copyOf(event.amr());
        this.userVersion = event.userVersion();
        this.globalVersion = event.globalVersion();
        this.issuedTokenHash = event.refreshTokenHash();
        this.currentTokenHash = event.refreshTokenHash();
        this.idleExpiresAt = event.idleExpiresAt();
        this.absoluteExpiresAt = event.absoluteExpiresAt();
    }

    @EventSourcingHandler
    void on(RefreshTokenRotatedEvent event) {
        this.parentTokenHash = event.previousTokenHash();
        this.currentTokenHash = event.newTokenHash();
        this.rotatedAt = event.rotatedAt();
        this.idleExpiresAt = event.idleExpiresAt();
    }

    @EventSourcingHandler
    void on(SessionRefusedForTokenVersionEvent event) {
        this.refusedForTokenVersion = true;
    }

    @EventSourcingHandler
    void on(SessionRevokedEvent event) {
        this.revoked = true;
    }
}
