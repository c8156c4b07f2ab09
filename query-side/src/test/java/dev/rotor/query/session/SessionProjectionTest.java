package dev.rotor.query.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotor.kernel.session.FindActiveSessionsByUserQuery;
import dev.rotor.kernel.session.SessionIssuedEvent;
import dev.rotor.kernel.session.SessionRevokedEvent;
import dev.rotor.kernel.session.SessionSummary;
import dev.rotor.kernel.token.RotationScope;
import dev.rotor.kernel.token.TokenRotatedEvent;
import dev.rotor.query.readmodel.ReadModelTestDatabase;
import dev.rotor.query.token.TokenFloorProjection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Session lists: active sessions of one user only, newest first, the caller's own marked. */
class SessionProjectionTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private final ReadModelTestDatabase database = new ReadModelTestDatabase();
    private final TokenFloorProjection floors = TokenFloorProjection.live(database.jdbc(), false, 10);

    private SessionProjection at(Instant now) {
        SessionProjection projection = SessionProjection.live(database.jdbc(), false, 10, floors,
                Clock.fixed(now, ZoneOffset.UTC));
        if (database.jdbc().queryForObject("select count(*) from rotor_read_model", Integer.class) == 0) {
            database.install(floors, 1);
            database.install(projection, 1);
        }
        return projection;
    }

    @Test
    void listsOnlyTheUsersActiveSessionsNewestFirstWithTheCurrentOneMarked() {
        SessionProjection projection = at(T0.plusSeconds(300));
        issue(projection, "s1", "alice", T0);
        issue(projection, "s2", "alice", T0.plusSeconds(60));
        issue(projection, "s3", "alice", T0.plusSeconds(120));
        issue(projection, "b1", "bob", T0);
        projection.on(new SessionRevokedEvent("s3", "alice", "logout", "alice", T0.plusSeconds(200)));

        List<SessionSummary> listed = projection.handle(new FindActiveSessionsByUserQuery("alice", "s1")).sessions();

        assertThat(listed).extracting(SessionSummary::sessionId).containsExactly("s2", "s1");
        assertThat(listed).filteredOn(SessionSummary::current).extracting(SessionSummary::sessionId).containsExactly("s1");
        assertThat(listed.get(0).refreshExpiresAt()).isEqualTo(T0.plusSeconds(60).plus(Duration.ofDays(30)));
        assertThat(listed.get(0).userAgent()).isEqualTo("junit");
        assertThat(projection.session("s3").orElseThrow().revocationReason()).isEqualTo("logout");
    }

    @Test
    void expiredSessionsAreNotListed() {
        SessionProjection projection = at(T0.plus(Duration.ofDays(31)));
        issue(projection, "s1", "alice", T0);
        assertThat(projection.handle(new FindActiveSessionsByUserQuery("alice", null)).sessions()).isEmpty();
    }

    @Test
    void sessionsLeftBehindByAUserRotationAreNotListed() {
        SessionProjection projection = at(T0.plusSeconds(30));
        issue(projection, "old", "alice", T0);
        floors.on(new TokenRotatedEvent("alice", RotationScope.USER, 1, 2, 0, T0.plusSeconds(10), "alice",
                "logout_everywhere"));
        projection.on(new SessionIssuedEvent("new", "alice", "alice@example.com", List.of("user"), List.of("pwd"),
                2, 1, "hash-new", "junit", "127.0.0.1", T0.plusSeconds(20), T0.plus(Duration.ofDays(30)),
                T0.plus(Duration.ofDays(90))));
        assertThat(projection.handle(new FindActiveSessionsByUserQuery("alice", null)).sessions())
                .extracting(SessionSummary::sessionId).containsExactly("new");
    }

    @Test
    void aRotationOnlyEverRaisesAMinimumWhateverOrderRotationsArriveIn() {
        at(T0);
        floors.on(new TokenRotatedEvent("alice", RotationScope.USER, 2, 3, 0, T0.plusSeconds(20), "a", "second"));
        floors.on(new TokenRotatedEvent("alice", RotationScope.USER, 1, 2, 0, T0.plusSeconds(10), "a", "first"));
        assertThat(floors.floorFor("alice").userMinVersion()).isEqualTo(3);
        assertThat(floors.floorFor("bob").userMinVersion()).isEqualTo(1);
    }

    private static void issue(SessionProjection projection, String sessionId, String userId, Instant at) {
        projection.on(new SessionIssuedEvent(sessionId, userId, userId + "@example.com", List.of("user"),
                List.of("pwd"), 1, 1, "hash-" + sessionId, "junit", "127.0.0.1", at, at.plus(Duration.ofDays(30)),
                at.plus(Duration.ofDays(90))));
    }
}
