package dev.rotor.query.session;

import dev.rotor.kernel.session.FindActiveSessionsByUserQuery;
import dev.rotor.kernel.session.SessionSummary;
import dev.rotor.kernel.session.SessionSummaryList;
import java.time.Clock;
import java.time.Instant;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/** Session lists for self-service and admins: active sessions only, newest first. */
@Component
public class SessionQueryHandler {

    private final SessionViewRepository sessions;
    private final Clock clock;

    public SessionQueryHandler(SessionViewRepository sessions, Clock clock) {
        this.sessions = sessions;
        this.clock = clock;
    }

    @QueryHandler
    public SessionSummaryList handle(FindActiveSessionsByUserQuery query) {
        Instant now = clock.instant();
        return new SessionSummaryList(sessions.findByUserIdAndRevokedAtIsNullOrderByCreatedAtDesc(query.userId())
                .stream()
                .filter(view -> view.isActiveAt(now))
                .map(view -> new SessionSummary(view.getSessionId(), view.getCreatedAt(), view.getLastRefreshedAt(),
                        view.getIdleExpiresAt().isBefore(view.getAbsoluteExpiresAt()) ? view.getIdleExpiresAt()
                                : view.getAbsoluteExpiresAt(),
                        view.getUserAgent(), view.getIp(), view.getSessionId().equals(query.currentSessionId())))
                .toList());
    }
}
