package dev.rotor.query.token;

import dev.rotor.kernel.session.RefreshTokenRotatedEvent;
import dev.rotor.kernel.session.SessionIssuedEvent;
import dev.rotor.kernel.session.SessionRevokedEvent;
import dev.rotor.kernel.token.TokenRotatedEvent;
import dev.rotor.query.session.SessionView;
import dev.rotor.query.session.SessionViewRepository;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.stereotype.Component;

/**
 * The read model every token validation checks: sessions and token version minimums. Its
 * processing group is subscribing, so rows change in the transaction that appends the event and a
 * revocation is visible to the very next request, on any node sharing the database.
 */
@Component
@ProcessingGroup(ValidationProjection.GROUP)
public class ValidationProjection {

    public static final String GROUP = "token-validation";

    private final SessionViewRepository sessions;
    private final TokenFloorViewRepository floors;
    private final ValidationState state;

    public ValidationProjection(SessionViewRepository sessions, TokenFloorViewRepository floors,
                                ValidationState state) {
        this.sessions = sessions;
        this.floors = floors;
        this.state = state;
    }

    @EventHandler
    public void on(SessionIssuedEvent event) {
        sessions.save(new SessionView(event.sessionId(), event.userId(), event.email(),
                String.join(",", event.roles()), String.join(",", event.amr()), event.userVersion(),
                event.globalVersion(), event.issuedAt(), event.idleExpiresAt(), event.absoluteExpiresAt(),
                event.userAgent(), event.ip()));
        state.sessionChanged(event.sessionId());
    }

    @EventHandler
    public void on(RefreshTokenRotatedEvent event) {
        sessions.findById(event.sessionId()).ifPresent(view -> {
            view.refreshed(event.rotatedAt(), event.idleExpiresAt());
            sessions.save(view);
        });
        state.sessionChanged(event.sessionId());
    }

    @EventHandler
    public void on(SessionRevokedEvent event) {
        sessions.findById(event.sessionId()).ifPresent(view -> {
            view.revoked(event.revokedAt(), event.reason());
            sessions.save(view);
        });
        state.sessionChanged(event.sessionId());
    }

    @EventHandler
    public void on(TokenRotatedEvent event) {
        String key = TokenFloorKeys.of(event);
        Instant graceUntil = event.graceUntil();
        TokenFloorView floor = floors.findById(key).orElse(null);
        if (floor == null) {
            floors.save(new TokenFloorView(key, event.newVersion(), graceUntil, event.rotatedAt()));
        } else {
            floor.raise(event.newVersion(), graceUntil, event.rotatedAt());
            floors.save(floor);
        }
        state.floorChanged(key);
    }

    @ResetHandler
    public void reset() {
        sessions.deleteAllInBatch();
        floors.deleteAllInBatch();
        state.clear();
    }
}
