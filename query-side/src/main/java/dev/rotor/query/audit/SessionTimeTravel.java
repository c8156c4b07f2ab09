package dev.rotor.query.audit;

import dev.rotor.kernel.common.ErrorCode;
import dev.rotor.kernel.common.RotorException;
import dev.rotor.kernel.session.SessionIssuedEvent;
import dev.rotor.kernel.token.TokenRotatedEvent;
import dev.rotor.query.audit.SessionHistory.Judgement;
import dev.rotor.query.audit.SessionHistory.Stamped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Rebuilds a session as it stood at an instant: its own events, its user's rotations and the
 * global rotations stored by then, replayed from the event store and judged by {@link SessionHistory}.
 */
@Component
class SessionTimeTravel {

    private final AuditLog log;

    SessionTimeTravel(AuditLog log) {
        this.log = log;
    }

    SessionAudit at(String sessionId, Instant at) {
        StoredEvent first = log.firstEvent(sessionId)
                .filter(event -> event.payload() instanceof SessionIssuedEvent)
                .orElseThrow(() -> new RotorException(ErrorCode.NOT_FOUND, "no such session"));
        SessionIssuedEvent issued = (SessionIssuedEvent) first.payload();

        List<StoredEvent> stored = log.eventsOf(sessionId, null, at);
        List<Stamped<Object>> sessionEvents = new ArrayList<>();
        sessionEvents.add(new Stamped<>(first.timestamp(), issued));
        stored.stream()
                .filter(event -> event.sequenceNumber() != first.sequenceNumber())
                .forEach(event -> sessionEvents.add(new Stamped<>(event.timestamp(), event.payload())));
        SessionHistory history = new SessionHistory(sessionEvents, rotations(log.userRotations(issued.userId(), at)),
                rotations(log.globalRotations(at)));
        Judgement judgement = history.at(at);

        List<AuditEntry> events = stored.stream()
                .map(event -> AuditEntries.of(event.withIndex(issued.userId(), sessionId)))
                .toList();
        return new SessionAudit(sessionId, issued.userId(), at, judgement.valid(), judgement.verdict().code(),
                judgement.explanation(), events);
    }

    private static List<Stamped<TokenRotatedEvent>> rotations(List<StoredEvent> stored) {
        return stored.stream()
                .filter(event -> event.payload() instanceof TokenRotatedEvent)
                .map(event -> new Stamped<>(event.timestamp(), (TokenRotatedEvent) event.payload()))
                .toList();
    }
}
