package dev.rotor.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotor.kernel.account.LoginFailedEvent;
import dev.rotor.kernel.account.LoginSucceededEvent;
import dev.rotor.kernel.account.PasswordChangedEvent;
import dev.rotor.kernel.account.UserLockedOutEvent;
import dev.rotor.kernel.account.UserRegisteredEvent;
import dev.rotor.kernel.readmodel.Generation;
import dev.rotor.kernel.session.RefreshTokenReuseDetectedEvent;
import dev.rotor.kernel.session.RefreshTokenRotatedEvent;
import dev.rotor.kernel.session.SessionIssuedEvent;
import dev.rotor.kernel.session.SessionRefusedForTokenVersionEvent;
import dev.rotor.kernel.session.SessionRevokedEvent;
import dev.rotor.kernel.token.RotationScope;
import dev.rotor.kernel.token.TokenRotatedEvent;
import dev.rotor.query.readmodel.ReadModelTestDatabase;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The audit index fed as the subscribing processor (or a rebuild) would feed it, on a real
 * in-memory database: one row per event naming its user and session, in exactly one generation.
 */
class AuditIndexProjectionTest {

    private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");

    private JdbcTemplate jdbc;
    private AuditIndexProjection live;

    @BeforeEach
    void database() {
        ReadModelTestDatabase database = new ReadModelTestDatabase();
        jdbc = database.jdbc();
        live = new AuditIndexProjection(jdbc);
        database.install(live, 0);
    }

    @Test
    void indexesAccountAndSessionEventsUnderTheirUserAndSession() {
        live.on(new UserRegisteredEvent("u1", "a@example.com", "$argon2id$x", List.of("user"), "admin"), "e1");
        live.on(new LoginFailedEvent("u1", "bad_password", 1, "127.0.0.1", "curl"), "e2");
        live.on(new LoginSucceededEvent("u1", "127.0.0.1", "curl"), "e3");
        live.on(issued("s1", "u1"), "e4");
        live.on(new RefreshTokenReuseDetectedEvent("s1", "u1", "h0", T, "127.0.0.1", "curl"), "e5");
        live.on(new SessionRevokedEvent("s1", "u1", "refresh_token_reuse", "system", T), "e6");
        live.on(new SessionRefusedForTokenVersionEvent("s1", "u1", RotationScope.USER, 1, 2, T), "e7");
        live.on(new UserLockedOutEvent("u1", 5, T), "e8");
        live.on(new PasswordChangedEvent("u1", "$argon2id$y", "u1"), "e9");

        assertThat(rows(0)).containsExactlyInAnyOrder(
                row("e1", "u1", null), row("e2", "u1", null), row("e3", "u1", null), row("e4", "u1", "s1"),
                row("e5", "u1", "s1"), row("e6", "u1", "s1"), row("e7", "u1", "s1"), row("e8", "u1", null),
                row("e9", "u1", null));
    }

    @Test
    void aRotatedRefreshTokenTakesTheUserOfItsSession() {
        live.on(issued("s1", "u1"), "e1");
        live.on(issued("s2", "u2"), "e2");
        live.on(new RefreshTokenRotatedEvent("s1", null, "h0", "h1", T, T.plusSeconds(60), "127.0.0.1", "curl"), "e3");
        live.on(new RefreshTokenRotatedEvent("s2", null, "h0", "h1", T, T.plusSeconds(60), "127.0.0.1", "curl"), "e4");

        assertThat(rows(0)).contains(row("e3", "u1", "s1"), row("e4", "u2", "s2"));
    }

    @Test
    void userRotationsAreIndexedUnderTheUserAndGlobalOnesNotAtAll() {
        live.on(new TokenRotatedEvent("u1", RotationScope.USER, 1, 2, 0, T, "u1", "logout_everywhere"), "e1");
        live.on(new TokenRotatedEvent("global", RotationScope.GLOBAL, 1, 2, 300, T, "admin", "drill"), "e2");

        assertThat(rows(0)).containsExactly(row("e1", "u1", null));
    }

    @Test
    void aRebuildWritesOnlyItsOwnGenerationAndLiveWritesFollowTheActiveOne() {
        live.on(issued("s1", "u1"), "e1");
        Object rebuild = new AuditIndexProjection(jdbc).projection(Generation.of(AuditIndexProjection.NAME, 1));
        AuditIndexProjection next = (AuditIndexProjection) rebuild;

        // The rebuild has not seen s1's issue yet: its rotation finds no user in generation 1.
        next.on(new RefreshTokenRotatedEvent("s1", null, "h0", "h1", T, T.plusSeconds(60), "127.0.0.1", "curl"), "e2");
        next.on(issued("s2", "u2"), "e3");
        next.on(new RefreshTokenRotatedEvent("s2", null, "h0", "h1", T, T.plusSeconds(60), "127.0.0.1", "curl"), "e4");
        assertThat(rows(0)).containsExactly(row("e1", "u1", "s1"));
        assertThat(rows(1)).containsExactlyInAnyOrder(row("e2", null, "s1"), row("e3", "u2", "s2"),
                row("e4", "u2", "s2"));

        jdbc.update("update " + Generation.STATE_TABLE + " set active_generation = 1 where name = ?",
                AuditIndexProjection.NAME);
        live.on(new LoginSucceededEvent("u2", "127.0.0.1", "curl"), "e5");
        assertThat(rows(1)).contains(row("e5", "u2", null));
        assertThat(rows(0)).containsExactly(row("e1", "u1", "s1"));
    }

    @Test
    void describesItselfToTheServer() {
        assertThat(live.name()).isEqualTo("audit-index");
        assertThat(live.tables()).containsExactly("rm_audit_index");
        assertThat(jdbc.queryForObject("select count(*) from information_schema.indexes where table_name = 'RM_AUDIT_INDEX'",
                Integer.class)).isGreaterThanOrEqualTo(3);
    }

    private static SessionIssuedEvent issued(String sessionId, String userId) {
        return new SessionIssuedEvent(sessionId, userId, "a@example.com", List.of("user"), List.of("pwd"), 1, 1, "h0",
                "curl", "127.0.0.1", T, T.plusSeconds(60), T.plusSeconds(120));
    }

    private List<Map<String, Object>> rows(long generation) {
        return jdbc.queryForList("select event_id, user_id, session_id from rm_audit_index where generation = ?",
                generation).stream().map(AuditIndexProjectionTest::lowerKeys).toList();
    }

    private static Map<String, Object> lowerKeys(Map<String, Object> row) {
        java.util.HashMap<String, Object> out = new java.util.HashMap<>();
        row.forEach((k, v) -> out.put(k.toLowerCase(java.util.Locale.ROOT), v));
        return out;
    }

    private static Map<String, Object> row(String eventId, String userId, String sessionId) {
        java.util.HashMap<String, Object> out = new java.util.HashMap<>();
        out.put("event_id", eventId);
        out.put("user_id", userId);
        out.put("session_id", sessionId);
        return out;
    }
}
