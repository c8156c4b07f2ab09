package dev.rotor.query.audit;

import dev.rotor.kernel.account.LoginFailedEvent;
import dev.rotor.kernel.account.MfaChallengeIssuedEvent;
import dev.rotor.kernel.account.MfaDisabledEvent;
import dev.rotor.kernel.account.MfaEnabledEvent;
import dev.rotor.kernel.account.MfaResetEvent;
import dev.rotor.kernel.account.RecoveryCodeUsedEvent;
import dev.rotor.kernel.account.TotpCodeUsedEvent;
import dev.rotor.kernel.account.TotpEnrolmentStartedEvent;
import dev.rotor.kernel.account.UserUnlockedEvent;
import dev.rotor.kernel.account.LoginSucceededEvent;
import dev.rotor.kernel.account.PasswordChangedEvent;
import dev.rotor.kernel.account.UserLockedOutEvent;
import dev.rotor.kernel.account.UserRegisteredEvent;
import dev.rotor.kernel.readmodel.Generation;
import dev.rotor.kernel.readmodel.RebuildableReadModel;
import dev.rotor.kernel.session.RefreshTokenReuseDetectedEvent;
import dev.rotor.kernel.session.RefreshTokenRotatedEvent;
import dev.rotor.kernel.session.SessionIssuedEvent;
import dev.rotor.kernel.session.SessionRefusedForTokenVersionEvent;
import dev.rotor.kernel.session.SessionRevokedEvent;
import dev.rotor.kernel.token.RotationScope;
import dev.rotor.kernel.token.TokenRotatedEvent;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Which stored events concern which user and which session, so that one user's or one session's
 * audit trail is found through an index instead of a scan of the event store. One row per event:
 * its identifier, and the user and session it concerns.
 *
 * <p>Account events, session events and user-scope token rotations are indexed. A
 * {@link RefreshTokenRotatedEvent} carries no user id: it takes the one this index already holds for
 * the session, from the row of its {@link SessionIssuedEvent} in the same generation. Global
 * rotations concern everyone and are not indexed; the audit reads them by their aggregate.
 *
 * <p>The Spring bean is the live projection (a subscribing group: rows are written in the
 * transaction that appends the event); {@link #projection(Generation)} gives the same handlers
 * writing one fixed generation, for a rebuild.
 */
@ProcessingGroup(AuditIndexProjection.NAME)
public class AuditIndexProjection implements RebuildableReadModel {

    public static final String NAME = "audit-index";
    static final String TABLE = "rm_audit_index";

    private final JdbcTemplate jdbc;
    private final Generation generation;
    private final String insert;
    private final String insertWithSessionUser;

    public AuditIndexProjection(JdbcTemplate jdbc) {
        this(jdbc, Generation.live(NAME));
    }

    private AuditIndexProjection(JdbcTemplate jdbc, Generation generation) {
        if (!NAME.equals(generation.readModel())) {
            throw new IllegalArgumentException("a generation of " + NAME + " is needed, not " + generation);
        }
        this.jdbc = jdbc;
        this.generation = generation;
        String g = generation.sql();
        this.insert = "insert into " + TABLE + " (generation, event_id, user_id, session_id) values (" + g
                + ", ?, ?, ?)";
        this.insertWithSessionUser = "insert into " + TABLE + " (generation, event_id, user_id, session_id) values ("
                + g + ", ?, (select s.user_id from " + TABLE + " s where s.session_id = ? and s.generation = " + g
                + " fetch first 1 rows only), ?)";
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> tables() {
        return List.of(TABLE);
    }

    @Override
    public Object projection(Generation generation) {
        return new AuditIndexProjection(jdbc, generation);
    }

    // Account events

    @EventHandler
    public void on(UserRegisteredEvent event, @MessageIdentifier String eventId) {
        index(eventId, event.userId(), null);
    }

    @EventHandler
    public void on(LoginSucceededEvent event, @MessageIdentifier String eventId) {
        index(eventId, event.userId(), null);
    }

    @EventHandler
    public void on(LoginFailedEvent event, @MessageIdentifier String eventId) {
        index(eventId, event.userId(), null);
    }

    @EventHandler
    public void on(UserLockedOutEvent event, @MessageIdentifier String eventId) {
        index(eventId, event.userId(), null);
    }

    @EventHandler
    public void on(PasswordChangedEvent event, @MessageIdentifier String eventId) {
        index(eventId, event.userId(), null);
    }

    @EventHandler
    public void on(UserUnlockedEvent event, @MessageIdentifier String eventId) {
        index(eventId, event.userId(), null);
    }

    @EventHandler
    public void on(TotpEnrolmentStartedEvent event, @MessageIdentifier String eventId) {
        index(eventId, event.userId(), null);
    }

    @EventHandler
    public void on(MfaEnabledEvent event, @MessageIdentifier String eventId) {
        index(eventId, event.userId(), null);
    }

    @EventHandler
    public void on(MfaChallengeIssuedEvent event, @MessageIdentifier String eventId) {
        index(eventId, event.userId(), null);
    }

    @EventHandler
    public void on(TotpCodeUsedEvent event, @MessageIdentifier String eventId) {
        index(eventId, event.userId(), null);
    }

    @EventHandler
    public void on(RecoveryCodeUsedEvent event, @MessageIdentifier String eventId) {
        index(eventId, event.userId(), null);
    }

    @EventHandler
    public void on(MfaDisabledEvent event, @MessageIdentifier String eventId) {
        index(eventId, event.userId(), null);
    }

    @EventHandler
    public void on(MfaResetEvent event, @MessageIdentifier String eventId) {
        index(eventId, event.userId(), null);
    }

    @EventHandler
    public void on(TokenRotatedEvent event, @MessageIdentifier String eventId) {
        if (event.scope() == RotationScope.USER) {
            index(eventId, event.aggregateId(), null);
        }
    }

    // Session events

    @EventHandler
    public void on(SessionIssuedEvent event, @MessageIdentifier String eventId) {
        index(eventId, event.userId(), event.sessionId());
    }

    @EventHandler
    public void on(RefreshTokenRotatedEvent event, @MessageIdentifier String eventId) {
        if (event.userId() != null) {
            index(eventId, event.userId(), event.sessionId());
        } else {
            // Revision 1 carried no user id: the session's rows already here name it.
            jdbc.update(insertWithSessionUser, eventId, event.sessionId(), event.sessionId());
        }
    }

    @EventHandler
    public void on(RefreshTokenReuseDetectedEvent event, @MessageIdentifier String eventId) {
        index(eventId, event.userId(), event.sessionId());
    }

    @EventHandler
    public void on(SessionRefusedForTokenVersionEvent event, @MessageIdentifier String eventId) {
        index(eventId, event.userId(), event.sessionId());
    }

    @EventHandler
    public void on(SessionRevokedEvent event, @MessageIdentifier String eventId) {
        index(eventId, event.userId(), event.sessionId());
    }

    private void index(String eventId, String userId, String sessionId) {
        jdbc.update(insert, eventId, userId, sessionId);
    }

    @Override
    public String toString() {
        return "AuditIndexProjection[" + generation + "]";
    }
}
