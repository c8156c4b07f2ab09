package dev.rotor.query.session;

import dev.rotor.kernel.session.FindActiveSessionsByUserQuery;
import dev.rotor.kernel.session.SessionSummary;
import dev.rotor.kernel.session.SessionSummaryList;
import dev.rotor.kernel.token.TokenVersionFloor;
import dev.rotor.query.token.ValidationState;
import java.time.Clock;
import java.time.Instant;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/** Session lists for self-service and admins: usable sessions only, newest first. */
@Component
public class SessionQueryHandler {

    private final SessionViewRepository sessions;
    private final ValidationState state;
    private final Clock clock;

    public SessionQueryHandler(SessionViewRepository sessions, ValidationState state, Clock clock) {
        this.sessions = sessions;
        this.state = state;
        this.clock = clock;
    }

    @QueryHandler
    public SessionSummaryList handle(FindActiveSessionsByUserQuery query) {
        Instant now = clock.instant();
        // Active means usable: not revoked, not expired, and not left behind by a token rotation.
        TokenVersionFloor floor = state.floorFor(query.userId());
        return new SessionSummaryList(sessions.findByUserIdAndRevokedAtIsNullOrderByCreatedAtDesc(query.userId())
                .stream()
                .filter(view -> view.isActiveAt(now))
                .filter(view -> floor.judge(view.getUserVersion(), view.getGlobalVersion(), now).accepted())
                .map(view -> new SessionSummary(view.getSessionId(), view.getCreatedAt(), view.getLastRefreshedAt(),
                        view.getIdleExpiresAt().isBefore(view.getAbsoluteExpiresAt()) ? view.getIdleExpiresAt()
                                : view.getAbsoluteExpiresAt(),
                        view.getUserAgent(), view.getIp(), view.getSessionId().equals(query.currentSessionId())))
                .toList());
    }
}
