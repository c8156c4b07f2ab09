package dev.rotor.query.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotor.kernel.session.FindActiveSessionsByUserQuery;
import dev.rotor.kernel.session.SessionIssuedEvent;
import dev.rotor.kernel.session.SessionRevokedEvent;
import dev.rotor.kernel.session.SessionSummary;
import dev.rotor.kernel.token.RotationScope;
import dev.rotor.kernel.token.TokenRotatedEvent;
import dev.rotor.query.InMemoryRepository;
import dev.rotor.query.token.TokenFloorView;
import dev.rotor.query.token.TokenFloorViewRepository;
import dev.rotor.query.token.ValidationProjection;
import dev.rotor.query.token.ValidationState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Session lists: active sessions of one user only, newest first, the caller's own marked. */
class SessionQueryHandlerTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private final SessionViewRepository sessions = InMemoryRepository.of(SessionViewRepository.class,
            SessionView::getSessionId, Map.of("findByUserIdAndRevokedAtIsNullOrderByCreatedAtDesc",
                    (rows, args) -> rows.stream()
                            .filter(v -> v.getUserId().equals(args[0]) && v.getRevokedAt() == null)
                            .sorted(Comparator.comparing(SessionView::getCreatedAt).reversed())
                            .toList()));
    private final TokenFloorViewRepository floors = InMemoryRepository.of(TokenFloorViewRepository.class,
            TokenFloorView::getFloorKey, Map.of());
    private final ValidationState state = new ValidationState(sessions, floors, false, 10);
    private final ValidationProjection projection = new ValidationProjection(sessions, floors, state);

    @Test
    void listsOnlyTheUsersActiveSessionsNewestFirstWithTheCurrentOneMarked() {
        issue("s1", "alice", T0);
        issue("s2", "alice", T0.plusSeconds(60));
        issue("s3", "alice", T0.plusSeconds(120));
        issue("b1", "bob", T0);
        projection.on(new SessionRevokedEvent("s3", "alice", "logout", "alice", T0.plusSeconds(200)));

        SessionQueryHandler handler = new SessionQueryHandler(sessions, state,
                Clock.fixed(T0.plusSeconds(300), ZoneOffset.UTC));
        List<SessionSummary> listed = handler.handle(new FindActiveSessionsByUserQuery("alice", "s1")).sessions();

        assertThat(listed).extracting(SessionSummary::sessionId).containsExactly("s2", "s1");
        assertThat(listed).filteredOn(SessionSummary::current).extracting(SessionSummary::sessionId).containsExactly("s1");
        assertThat(listed.get(0).refreshExpiresAt()).isEqualTo(T0.plusSeconds(60).plus(Duration.ofDays(30)));
        assertThat(listed.get(0).userAgent()).isEqualTo("junit");
    }

    @Test
    void expiredSessionsAreNotListed() {
        issue("s1", "alice", T0);
        SessionQueryHandler handler = new SessionQueryHandler(sessions, state,
                Clock.fixed(T0.plus(Duration.ofDays(31)), ZoneOffset.UTC));
        assertThat(handler.handle(new FindActiveSessionsByUserQuery("alice", null)).sessions()).isEmpty();
    }

    @Test
    void sessionsLeftBehindByAUserRotationAreNotListed() {
        issue("old", "alice", T0);
        projection.on(new TokenRotatedEvent("alice", RotationScope.USER, 1, 2, 0, T0.plusSeconds(10), "alice",
                "logout_everywhere"));
        projection.on(new SessionIssuedEvent("new", "alice", "alice@example.com", List.of("user"), List.of("pwd"),
                2, 1, "hash-new", "junit", "127.0.0.1", T0.plusSeconds(20), T0.plus(Duration.ofDays(30)),
                T0.plus(Duration.ofDays(90))));
        SessionQueryHandler handler = new SessionQueryHandler(sessions, state,
                Clock.fixed(T0.plusSeconds(30), ZoneOffset.UTC));
        assertThat(handler.handle(new FindActiveSessionsByUserQuery("alice", null)).sessions())
                .extracting(SessionSummary::sessionId).containsExactly("new");
    }

    private void issue(String sessionId, String userId, Instant at) {
        projection.on(new SessionIssuedEvent(sessionId, userId, userId + "@example.com", List.of("user"),
                List.of("pwd"), 1, 1, "hash-" + sessionId, "junit", "127.0.0.1", at, at.plus(Duration.ofDays(30)),
                at.plus(Duration.ofDays(90))));
    }
}
