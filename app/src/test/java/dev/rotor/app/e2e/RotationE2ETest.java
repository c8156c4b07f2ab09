package dev.rotor.app.e2e;

import static dev.rotor.app.e2e.RotorClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rotor.app.e2e.RotorClient.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Token versions end to end (API.md "Token versions", "Admin", "Self-service"): user rotation,
 * logout everywhere, password change, global rotation with and without grace, input validation of
 * the rotation endpoints, and the admin session endpoints.
 *
 * <p>Per-user tests share one server (they only touch their own users). Every test that rotates
 * globally gets a server of its own, since a global rotation reaches every session on it; the
 * shared server is closed before such a test starts so that never more than one runs at a time.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RotationE2ETest {

    private static final String PASSWORD = "correct-horse-battery-staple";
    private static final String GLOBAL = "/api/v1/admin/rotations/global";

    private static RotorServer shared;

    /** One login's tokens. */
    record Tokens(String access, String refresh, String sessionId) {
    }

    // ---------------------------------------------------------------------------------------------
    // Per-user rotations: one shared server
    // ---------------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void userRotationKillsOnlyThatUsersTokensAtOnce() {
        RotorClient client = sharedServer().client();
        String admin = client.adminToken();
        String emailA = email("rot-a");
        String emailB = email("rot-b");
        String userA = client.createUser(admin, emailA, PASSWORD, List.of());
        client.createUser(admin, emailB, PASSWORD, List.of());

        Tokens a1 = login(client, emailA, PASSWORD);
        Tokens a2 = login(client, emailA, PASSWORD);
        Tokens b1 = login(client, emailB, PASSWORD);
        assertThat(a1.sessionId()).isNotEqualTo(a2.sessionId());
        assertMeOk(client, a1);
        assertMeOk(client, a2);
        assertMeOk(client, b1);

        Response rotated = client.post("/api/v1/admin/rotations/users/" + userA,
                json("reason", "suspected compromise"), admin);
        assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
        assertThat(rotated.text("user_id")).isEqualTo(userA);
        assertThat(rotated.json().get("previous_version").asLong()).isEqualTo(1);
        assertThat(rotated.json().get("new_version").asLong()).isEqualTo(2);

        // The very next request with any of A's tokens is refused; no grace for a user rotation.
        assertInvalidToken(client.me(a1.access()));
        assertInvalidToken(client.me(a2.access()));
        assertInvalidGrant(client.refresh(a1.refresh()));
        assertInvalidGrant(client.refresh(a2.refresh()));
        // Still refused on a second try (the refusal is not a one-off).
        assertInvalidToken(client.me(a1.access()));

        // B is untouched.
        assertMeOk(client, b1);
        Tokens b1r = refreshOk(client, b1);
        assertMeOk(client, b1r);

        // The admin's own session is untouched too.
        assertThat(client.me(admin).status()).isEqualTo(200);

        // A session issued after the rotation is stamped with the new version: it works, survives
        // its refreshes, and the refreshed access tokens work.
        Tokens a3 = login(client, emailA, PASSWORD);
        assertMeOk(client, a3);
        Tokens a3r = refreshOk(client, a3);
        assertMeOk(client, a3r);
        Tokens a3rr = refreshOk(client, a3r);
        assertMeOk(client, a3rr);
        assertMeOk(client, a3); // the first access token of the session is still a valid one

        // A second rotation counts on from there and kills the post-rotation session as well.
        Response again = client.post("/api/v1/admin/rotations/users/" + userA, json("reason", "second look"), admin);
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.json().get("previous_version").asLong()).isEqualTo(2);
        assertThat(again.json().get("new_version").asLong()).isEqualTo(3);
        assertInvalidToken(client.me(a3rr.access()));
        assertInvalidGrant(client.refresh(a3rr.refresh()));
        assertMeOk(client, b1r);

        Tokens a4 = login(client, emailA, PASSWORD);
        assertMeOk(client, a4);
        assertMeOk(client, refreshOk(client, a4));
    }

    @Test
    @Order(2)
    void logoutEverywhere() {
        RotorClient client = sharedServer().client();
        String admin = client.adminToken();
        String emailA = email("lae-a");
        String emailB = email("lae-b");
        String userA = client.createUser(admin, emailA, PASSWORD, List.of());
        client.createUser(admin, emailB, PASSWORD, List.of());

        Tokens s1 = login(client, emailA, PASSWORD);
        Tokens s2 = login(client, emailA, PASSWORD);
        Tokens other = login(client, emailB, PASSWORD);

        assertInvalidToken(client.post("/api/v1/me/logout-all", null, null));
        assertMeOk(client, s1);

        Response result = client.post("/api/v1/me/logout-all", null, s1.access());
        assertThat(result.status()).as(result.toString()).isEqualTo(200);
        assertThat(result.text("user_id")).isEqualTo(userA);
        long previous = result.json().get("previous_version").asLong();
        assertThat(previous).isEqualTo(1);
        assertThat(result.json().get("new_version").asLong()).isEqualTo(previous + 1);

        assertInvalidToken(client.me(s1.access()));
        assertInvalidToken(client.me(s2.access()));
        assertInvalidGrant(client.refresh(s1.refresh()));
        assertInvalidGrant(client.refresh(s2.refresh()));
        // The caller's own token is gone too: a second logout-all with it is refused.
        assertInvalidToken(client.post("/api/v1/me/logout-all", null, s1.access()));

        assertMeOk(client, other);
        assertMeOk(client, refreshOk(client, other));

        Tokens fresh = login(client, emailA, PASSWORD);
        assertMeOk(client, fresh);
        assertMeOk(client, refreshOk(client, fresh));
    }

    @Test
    @Order(3)
    void passwordChangeKeepsOnlyTheReturnedSession() {
        RotorClient client = sharedServer().client();
        String admin = client.adminToken();
        String emailA = email("pwd-a");
        String userA = client.createUser(admin, emailA, PASSWORD, List.of());
        String newPassword = "a-brand-new-passphrase-42";

        Tokens s1 = login(client, emailA, PASSWORD);
        Tokens s2 = login(client, emailA, PASSWORD);

        // No token: 401.
        assertInvalidToken(client.post("/api/v1/me/password",
                json("current_password", PASSWORD, "new_password", newPassword), null));

        // Wrong current password: 401 invalid_credentials, and nothing is rotated.
        Response wrong = client.post("/api/v1/me/password",
                json("current_password", "not-the-password-at-all", "new_password", newPassword), s1.access());
        assertProblem(wrong, 401, "invalid_credentials");
        assertMeOk(client, s1);
        assertMeOk(client, s2);
        s1 = refreshOk(client, s1);
        assertMeOk(client, s1);

        // New password too short: 400 invalid_request naming the field, and nothing is rotated.
        Response tooShort = client.post("/api/v1/me/password",
                json("current_password", PASSWORD, "new_password", "short-11chr"), s1.access());
        assertProblem(tooShort, 400, "invalid_request");
        assertNamesField(tooShort, "new_password");
        assertMeOk(client, s1);
        assertMeOk(client, s2);
        // The password has not changed.
        assertThat(client.login(emailA, newPassword).status()).isEqualTo(401);

        Response changed = client.post("/api/v1/me/password",
                json("current_password", PASSWORD, "new_password", newPassword), s1.access());
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.text("token_type")).isEqualTo("Bearer");
        Tokens fresh = new Tokens(changed.text("access_token"), changed.text("refresh_token"),
                changed.text("session_id"));
        assertThat(fresh.access()).isNotBlank();
        assertThat(fresh.refresh()).isNotBlank();
        assertThat(fresh.sessionId()).isNotBlank().isNotEqualTo(s1.sessionId()).isNotEqualTo(s2.sessionId());

        // The returned session works, and survives its refresh.
        Response me = client.me(fresh.access());
        assertThat(me.status()).as(me.toString()).isEqualTo(200);
        assertThat(me.text("user_id")).isEqualTo(userA);
        assertThat(me.text("session_id")).isEqualTo(fresh.sessionId());
        Tokens freshR = refreshOk(client, fresh);
        assertMeOk(client, freshR);

        // Every older session is gone, the caller's own included.
        assertInvalidToken(client.me(s1.access()));
        assertInvalidToken(client.me(s2.access()));
        assertInvalidGrant(client.refresh(s1.refresh()));
        assertInvalidGrant(client.refresh(s2.refresh()));

        // The old password no longer logs in; the new one does.
        assertProblem(client.login(emailA, PASSWORD), 401, "invalid_credentials");
        Tokens viaNewPassword = login(client, emailA, newPassword);
        assertMeOk(client, viaNewPassword);
        assertMeOk(client, refreshOk(client, viaNewPassword));
        // ... and the session from the change is still alive next to it.
        assertMeOk(client, freshR);
    }

    @Test
    @Order(4)
    void adminSessionEndpoints() {
        RotorClient client = sharedServer().client();
        String admin = client.adminToken();
        String emailA = email("adm-sess-a");
        String userA = client.createUser(admin, emailA, PASSWORD, List.of());
        String emailB = email("adm-sess-b");
        client.createUser(admin, emailB, PASSWORD, List.of());

        Instant before = Instant.now().minusSeconds(5);
        Tokens s1 = login(client, emailA, PASSWORD);
        Tokens s2 = login(client, emailA, PASSWORD);
        Tokens b = login(client, emailB, PASSWORD);

        Response listed = client.get("/api/v1/admin/users/" + userA + "/sessions", admin);
        assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
        Map<String, JsonNode> sessions = bySessionId(listed.json());
        assertThat(sessions.keySet()).containsExactlyInAnyOrder(s1.sessionId(), s2.sessionId());
        for (JsonNode entry : sessions.values()) {
            assertThat(entry.has("session_id")).isTrue();
            assertThat(entry.has("created_at")).as(entry.toString()).isTrue();
            assertThat(entry.has("last_refreshed_at")).as(entry.toString()).isTrue();
            assertThat(entry.has("refresh_expires_at")).as(entry.toString()).isTrue();
            assertThat(entry.has("user_agent")).as(entry.toString()).isTrue();
            assertThat(entry.has("ip")).as(entry.toString()).isTrue();
            assertThat(entry.has("current")).as(entry.toString()).isTrue();
            Instant created = Instant.parse(entry.get("created_at").asText());
            assertThat(created).isAfter(before).isBefore(Instant.now().plusSeconds(5));
            assertThat(Instant.parse(entry.get("refresh_expires_at").asText())).isAfter(Instant.now());
            assertThat(entry.get("last_refreshed_at").isNull()).as(entry.toString()).isTrue();
            assertThat(entry.get("user_agent").asText()).isNotBlank();
            assertThat(entry.get("ip").asText()).isNotBlank();
            // The admin's own session is not one of A's.
            assertThat(entry.get("current").asBoolean()).as(entry.toString()).isFalse();
        }

        // A refresh shows up as last_refreshed_at.
        Tokens s2r = refreshOk(client, s2);
        JsonNode s2Entry = bySessionId(client.get("/api/v1/admin/users/" + userA + "/sessions", admin).json())
                .get(s2.sessionId());
        assertThat(s2Entry).isNotNull();
        assertThat(s2Entry.get("last_refreshed_at").isNull()).as(s2Entry.toString()).isFalse();
        Instant.parse(s2Entry.get("last_refreshed_at").asText());

        // The user sees the same sessions, with "current" on its own.
        Response mine = client.get("/api/v1/me/sessions", s2r.access());
        assertThat(mine.status()).as(mine.toString()).isEqualTo(200);
        Map<String, JsonNode> own = bySessionId(mine.json());
        assertThat(own.keySet()).containsExactlyInAnyOrder(s1.sessionId(), s2.sessionId());
        assertThat(own.get(s2.sessionId()).get("current").asBoolean()).isTrue();
        assertThat(own.get(s1.sessionId()).get("current").asBoolean()).isFalse();

        // Non-admins may neither list nor revoke, and nothing happens when they try.
        assertProblem(client.get("/api/v1/admin/users/" + userA + "/sessions", s2r.access()), 403, "forbidden");
        assertProblem(client.delete("/api/v1/admin/sessions/" + s1.sessionId(), s2r.access()), 403, "forbidden");
        assertProblem(client.delete("/api/v1/admin/sessions/" + b.sessionId(), s2r.access()), 403, "forbidden");
        assertMeOk(client, s1);
        assertMeOk(client, b);
        // Nor may anyone without a token.
        assertInvalidToken(client.get("/api/v1/admin/users/" + userA + "/sessions", null));
        assertInvalidToken(client.delete("/api/v1/admin/sessions/" + s1.sessionId(), null));
        assertMeOk(client, s1);

        // The admin revokes s1: its tokens stop working at once; s2 and B go on.
        Response revoked = client.delete("/api/v1/admin/sessions/" + s1.sessionId(), admin);
        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(204);
        assertInvalidToken(client.me(s1.access()));
        assertInvalidGrant(client.refresh(s1.refresh()));
        assertMeOk(client, s2r);
        assertMeOk(client, b);

        Map<String, JsonNode> after = bySessionId(
                client.get("/api/v1/admin/users/" + userA + "/sessions", admin).json());
        assertThat(after.keySet()).containsExactly(s2.sessionId());

        // Unknown sessions are not found, ids of other kinds too; none of this touches a session.
        assertProblem(client.delete("/api/v1/admin/sessions/" + UUID.randomUUID(), admin), 404, "not_found");
        assertProblem(client.delete("/api/v1/admin/sessions/not-a-session-id", admin), 404, "not_found");
        assertProblem(client.delete("/api/v1/admin/sessions/" + userA, admin), 404, "not_found");
        assertMeOk(client, s2r);
        assertMeOk(client, refreshOk(client, s2r));
        assertThat(login(client, emailA, PASSWORD).sessionId()).isNotBlank();
    }

    // ---------------------------------------------------------------------------------------------
    // Global rotations: one server each
    // ---------------------------------------------------------------------------------------------

    @Test
    @Order(10)
    void globalRotationWithGraceKeepsOldTokensThenGraceZeroKillsThem() {
        closeShared();
        try (RotorServer server = RotorServer.start()) {
            RotorClient client = server.client();
            String admin = client.adminToken();
            String email1 = email("glob-1");
            String email2 = email("glob-2");
            client.createUser(admin, email1, PASSWORD, List.of());
            client.createUser(admin, email2, PASSWORD, List.of());
            Tokens u1 = login(client, email1, PASSWORD);
            Tokens u2 = login(client, email2, PASSWORD);
            Tokens u2b = login(client, email2, PASSWORD);

            Response first = client.post(GLOBAL, json("reason", "key leak drill", "grace_period_seconds", 300), admin);
            assertGlobalResult(first, 1, 2, 300);

            // Inside the grace every old token still works, the admin's included.
            assertMeOk(client, u1);
            assertMeOk(client, u2);
            assertMeOk(client, u2b);
            assertThat(client.me(admin).status()).isEqualTo(200);
            Tokens u1r = refreshOk(client, u1);
            assertMeOk(client, u1r);
            Tokens u2r = refreshOk(client, u2);
            assertMeOk(client, u2r);

            // A session created after the rotation works and refreshes.
            Tokens after = login(client, email2, PASSWORD);
            assertMeOk(client, after);
            Tokens afterR = refreshOk(client, after);
            assertMeOk(client, afterR);

            Response second = client.post(GLOBAL, json("reason", "key leak drill, for real", "grace_period_seconds", 0),
                    admin);
            assertGlobalResult(second, 2, 3, 0);

            // Everything issued before the second rotation is gone, with or without a refresh in
            // between, whether one or two versions behind; no grace this time.
            for (Tokens dead : List.of(u1, u1r, u2, u2r, u2b, after, afterR)) {
                assertInvalidToken(client.me(dead.access()));
            }
            for (Tokens dead : List.of(u1r, u2r, u2b, afterR)) {
                assertInvalidGrant(client.refresh(dead.refresh()));
            }
            // The admin's own old token too: it cannot even rotate again.
            assertInvalidToken(client.me(admin));
            assertInvalidToken(client.post(GLOBAL, json("reason", "again", "grace_period_seconds", 0), admin));

            // Fresh logins work, and the admin logs in again to go on.
            Tokens fresh = login(client, email1, PASSWORD);
            assertMeOk(client, fresh);
            assertMeOk(client, refreshOk(client, fresh));
            String admin2 = client.adminToken();
            assertThat(client.me(admin2).status()).isEqualTo(200);
            Response third = client.post(GLOBAL, json("reason", "check the count", "grace_period_seconds", 300), admin2);
            assertGlobalResult(third, 3, 4, 300);
            assertMeOk(client, fresh);
        }
    }

    @Test
    @Order(11)
    void globalRotationDefaultGraceComesFromConfiguration() {
        closeShared();
        try (RotorServer server = RotorServer.start(Map.of("rotor.rotation.default-grace-period", "120s"))) {
            RotorClient client = server.client();
            String admin = client.adminToken();
            String emailU = email("cfg-u");
            client.createUser(admin, emailU, PASSWORD, List.of());
            Tokens u = login(client, emailU, PASSWORD);

            Response rotated = client.post(GLOBAL, json("reason", "x"), admin);
            assertGlobalResult(rotated, 1, 2, 120);
            // The configured grace is a real grace, not just a number in the answer.
            assertMeOk(client, u);
            Tokens ur = refreshOk(client, u);
            assertMeOk(client, ur);

            // An explicit value wins over the configured default.
            Tokens between = login(client, emailU, PASSWORD);
            Response explicit = client.post(GLOBAL, json("reason", "y", "grace_period_seconds", 30), admin);
            assertGlobalResult(explicit, 2, 3, 30);
            assertMeOk(client, between);
            assertInvalidToken(client.me(ur.access()));
            assertInvalidGrant(client.refresh(ur.refresh()));
            assertInvalidToken(client.me(admin)); // two versions behind now
            admin = client.adminToken();

            // The user version and the global version are stamped and judged apart (API.md: "never
            // stamp one number for both"). X is created while the global minimum is 3: a session
            // of X stamped with 3 for its user version would survive X's first user rotation.
            String emailX = email("cfg-x");
            String userX = client.createUser(admin, emailX, PASSWORD, List.of());
            Tokens x = login(client, emailX, PASSWORD);
            Response rotateX = client.post("/api/v1/admin/rotations/users/" + userX, json("reason", "apart"), admin);
            assertThat(rotateX.status()).as(rotateX.toString()).isEqualTo(200);
            assertThat(rotateX.json().get("previous_version").asLong()).isEqualTo(1);
            assertThat(rotateX.json().get("new_version").asLong()).isEqualTo(2);
            assertInvalidToken(client.me(x.access()));
            assertInvalidGrant(client.refresh(x.refresh()));
            Tokens x2 = login(client, emailX, PASSWORD);
            assertMeOk(client, x2);
            // W's user version goes to 5, above the global minimum: a session of W stamped with 5
            // for its global version would survive the next global rotation (to 4).
            String emailW = email("cfg-w");
            String userW = client.createUser(admin, emailW, PASSWORD, List.of());
            for (int i = 1; i <= 4; i++) {
                Response rotateW = client.post("/api/v1/admin/rotations/users/" + userW, json("reason", "up " + i),
                        admin);
                assertThat(rotateW.status()).as(rotateW.toString()).isEqualTo(200);
                assertThat(rotateW.json().get("new_version").asLong()).isEqualTo(i + 1);
            }
            Tokens w5 = login(client, emailW, PASSWORD);
            assertMeOk(client, w5);
            assertMeOk(client, w5 = refreshOk(client, w5));
            assertGlobalResult(client.post(GLOBAL, json("reason", "apart", "grace_period_seconds", 0), admin), 3, 4, 0);
            assertInvalidToken(client.me(w5.access()));
            assertInvalidGrant(client.refresh(w5.refresh()));
            assertInvalidToken(client.me(x2.access()));
            assertInvalidGrant(client.refresh(x2.refresh()));
            Tokens w = login(client, emailW, PASSWORD);
            assertMeOk(client, w);
            Tokens xAgain = login(client, emailX, PASSWORD);
            assertMeOk(client, xAgain);

            // The grace ends: a session one version behind works inside it and fails after it.
            admin = client.adminToken();
            Tokens graced = refreshOk(client, w);
            Instant rotatedAt = Instant.now();
            assertGlobalResult(client.post(GLOBAL, json("reason", "short grace", "grace_period_seconds", 5), admin),
                    4, 5, 5);
            assertMeOk(client, graced);
            Tokens gracedR = refreshOk(client, graced);
            assertMeOk(client, gracedR);
            sleepUntil(rotatedAt.plusSeconds(7));
            assertInvalidToken(client.me(gracedR.access()));
            assertInvalidToken(client.me(xAgain.access()));
            assertInvalidGrant(client.refresh(gracedR.refresh()));
            assertInvalidGrant(client.refresh(xAgain.refresh()));
            assertInvalidToken(client.me(admin));
            assertMeOk(client, login(client, emailW, PASSWORD));
        }
    }

    @Test
    @Order(12)
    void twoGlobalRotationsWithGraceRefuseSessionsTwoVersionsBehind() {
        closeShared();
        try (RotorServer server = RotorServer.start()) {
            RotorClient client = server.client();
            String admin = client.adminToken();
            String emailU = email("two-u");
            client.createUser(admin, emailU, PASSWORD, List.of());
            Tokens v1 = login(client, emailU, PASSWORD);
            Tokens v1b = login(client, emailU, PASSWORD);

            assertGlobalResult(client.post(GLOBAL, json("reason", "first", "grace_period_seconds", 300), admin),
                    1, 2, 300);
            assertMeOk(client, v1);
            Tokens v1bRefreshed = refreshOk(client, v1b);
            Tokens v2 = login(client, emailU, PASSWORD);
            assertMeOk(client, v2);

            // The admin token is one version behind and inside the grace: it may rotate again.
            assertGlobalResult(client.post(GLOBAL, json("reason", "second", "grace_period_seconds", 300), admin),
                    2, 3, 300);

            // Two versions behind: refused, grace or not.
            assertInvalidToken(client.me(v1.access()));
            assertInvalidGrant(client.refresh(v1.refresh()));
            assertInvalidToken(client.me(v1bRefreshed.access()));
            assertInvalidGrant(client.refresh(v1bRefreshed.refresh()));
            assertInvalidToken(client.me(admin));

            // One version behind: inside the new grace.
            assertMeOk(client, v2);
            Tokens v2r = refreshOk(client, v2);
            assertMeOk(client, v2r);
            assertMeOk(client, refreshOk(client, v2r));

            Tokens v3 = login(client, emailU, PASSWORD);
            assertMeOk(client, v3);
            assertThat(client.me(client.adminToken()).status()).isEqualTo(200);

            // The minimums and the grace are state, not memory: a restart keeps them.
            Tokens v2Latest = refreshOk(client, v2r);
            server.restart();
            RotorClient after = server.client();
            assertInvalidToken(after.me(v1.access()));
            assertInvalidGrant(after.refresh(v1.refresh()));
            assertInvalidGrant(after.refresh(v1bRefreshed.refresh()));
            assertInvalidToken(after.me(admin));
            assertMeOk(after, v2Latest);
            assertMeOk(after, refreshOk(after, v2Latest));
            assertMeOk(after, v3);
            assertMeOk(after, refreshOk(after, v3));
            assertGlobalResult(after.post(GLOBAL, json("reason", "third", "grace_period_seconds", 0),
                    after.adminToken()), 3, 4, 0);
            assertInvalidToken(after.me(v3.access()));
            assertMeOk(after, login(after, emailU, PASSWORD));
        }
    }

    @Test
    @Order(13)
    void rotationInputIsValidated() {
        closeShared();
        try (RotorServer server = RotorServer.start()) {
            RotorClient client = server.client();
            String admin = client.adminToken();
            String emailA = email("val-a");
            String userA = client.createUser(admin, emailA, PASSWORD, List.of());
            String emailU = email("val-u");
            client.createUser(admin, emailU, PASSWORD, List.of());
            Tokens a = login(client, emailA, PASSWORD);
            Tokens plain = login(client, emailU, PASSWORD);
            String userPath = "/api/v1/admin/rotations/users/" + userA;
            String tooLong = "r".repeat(501);

            // reason: missing, empty, blank, too long, wrong type.
            List<String> badReasons = List.of(
                    "{}",
                    json("reason", ""),
                    json("reason", "   "),
                    json("reason", tooLong),
                    "{\"reason\":null}",
                    "{\"reason\":42}");
            for (String body : badReasons) {
                Response global = client.post(GLOBAL, body, admin);
                assertProblem(global, 400, "invalid_request");
                assertNamesField(global, "reason");
                Response user = client.post(userPath, body, admin);
                assertProblem(user, 400, "invalid_request");
                assertNamesField(user, "reason");
            }
            for (String body : List.of(json("grace_period_seconds", 300), json("reason", "   ", "grace_period_seconds", 0),
                    json("reason", tooLong, "grace_period_seconds", 300))) {
                Response global = client.post(GLOBAL, body, admin);
                assertProblem(global, 400, "invalid_request");
                assertNamesField(global, "reason");
            }

            // grace_period_seconds: out of range or not an integer.
            List<String> badGraces = List.of(
                    json("reason", "drill", "grace_period_seconds", -1),
                    json("reason", "drill", "grace_period_seconds", 86401),
                    json("reason", "drill", "grace_period_seconds", "300"),
                    json("reason", "drill", "grace_period_seconds", "five minutes"),
                    json("reason", "drill", "grace_period_seconds", 1.5),
                    json("reason", "drill", "grace_period_seconds", true));
            for (String body : badGraces) {
                Response global = client.post(GLOBAL, body, admin);
                assertProblem(global, 400, "invalid_request");
                assertNamesField(global, "grace_period_seconds");
            }

            // Not JSON, or no body at all.
            assertProblem(client.post(GLOBAL, "{\"reason\":", admin), 400, "invalid_request");
            assertProblem(client.post(GLOBAL, null, admin), 400, "invalid_request");
            assertProblem(client.post(userPath, null, admin), 400, "invalid_request");

            // Unknown users, ids that are not UUIDs, and ids of something else are not found.
            assertProblem(client.post("/api/v1/admin/rotations/users/" + UUID.randomUUID(),
                    json("reason", "suspected compromise"), admin), 404, "not_found");
            assertProblem(client.post("/api/v1/admin/rotations/users/not-a-uuid",
                    json("reason", "suspected compromise"), admin), 404, "not_found");
            assertProblem(client.post("/api/v1/admin/rotations/users/" + a.sessionId(),
                    json("reason", "suspected compromise"), admin), 404, "not_found");

            // Only admins may rotate; nobody without a token.
            assertProblem(client.post(GLOBAL, json("reason", "mine now", "grace_period_seconds", 0), plain.access()),
                    403, "forbidden");
            assertProblem(client.post(userPath, json("reason", "mine now"), plain.access()), 403, "forbidden");
            assertInvalidToken(client.post(GLOBAL, json("reason", "anon", "grace_period_seconds", 0), null));
            assertInvalidToken(client.post(userPath, json("reason", "anon"), null));

            // None of the refused requests rotated anything: every session lives, and the first
            // accepted rotations start from version 1.
            assertMeOk(client, a);
            assertMeOk(client, plain);
            assertMeOk(client, refreshOk(client, a));
            assertThat(client.me(admin).status()).isEqualTo(200);
            // The session whose id was tried as a user id is unharmed too.
            Response list = client.get("/api/v1/admin/users/" + userA + "/sessions", admin);
            assertThat(bySessionId(list.json())).containsKey(a.sessionId());

            // Exactly 500 characters is allowed.
            String longest = "r".repeat(500);
            Response user = client.post(userPath, json("reason", longest), admin);
            assertThat(user.status()).as(user.toString()).isEqualTo(200);
            assertThat(user.json().get("previous_version").asLong()).isEqualTo(1);
            assertThat(user.json().get("new_version").asLong()).isEqualTo(2);
            // Without grace_period_seconds the configured default (300 s) applies.
            Response global = client.post(GLOBAL, json("reason", longest), admin);
            assertGlobalResult(global, 1, 2, 300);
            assertMeOk(client, plain);
            assertInvalidToken(client.me(a.access()));
        }
    }

    @AfterAll
    static void closeShared() {
        if (shared != null) {
            shared.close();
            shared = null;
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Helpers
    // ---------------------------------------------------------------------------------------------

    private static RotorServer sharedServer() {
        if (shared == null) {
            shared = RotorServer.start();
        }
        return shared;
    }

    private static void sleepUntil(Instant moment) {
        long millis = java.time.Duration.between(Instant.now(), moment).toMillis();
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static String email(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@rotor.test";
    }

    private static Tokens login(RotorClient client, String email, String password) {
        Response login = client.login(email, password);
        assertThat(login.status()).as("login of %s: %s", email, login).isEqualTo(200);
        return tokens(login);
    }

    private static Tokens refreshOk(RotorClient client, Tokens tokens) {
        Response refreshed = client.refresh(tokens.refresh());
        assertThat(refreshed.status()).as("refresh of session %s: %s", tokens.sessionId(), refreshed)
                .isEqualTo(200);
        Tokens next = tokens(refreshed);
        assertThat(next.sessionId()).isEqualTo(tokens.sessionId());
        assertThat(next.refresh()).isNotEqualTo(tokens.refresh());
        return next;
    }

    private static Tokens tokens(Response response) {
        Tokens tokens = new Tokens(response.text("access_token"), response.text("refresh_token"),
                response.text("session_id"));
        assertThat(tokens.access()).as(response.toString()).isNotBlank();
        assertThat(tokens.refresh()).as(response.toString()).isNotBlank();
        assertThat(tokens.sessionId()).as(response.toString()).isNotBlank();
        return tokens;
    }

    private static void assertMeOk(RotorClient client, Tokens tokens) {
        Response me = client.me(tokens.access());
        assertThat(me.status()).as("/me of session %s: %s", tokens.sessionId(), me).isEqualTo(200);
        assertThat(me.text("session_id")).isEqualTo(tokens.sessionId());
    }

    private static void assertGlobalResult(Response response, long previous, long next, long grace) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.get("previous_version").asLong()).as(response.toString()).isEqualTo(previous);
        assertThat(body.get("new_version").asLong()).as(response.toString()).isEqualTo(next);
        assertThat(body.get("grace_period_seconds").asLong()).as(response.toString()).isEqualTo(grace);
    }

    private static void assertProblem(Response response, int status, String code) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).as(response.toString()).startsWith("application/problem+json");
        assertThat(response.text("code")).as(response.toString()).isEqualTo(code);
        assertThat(response.json().get("status").asInt()).as(response.toString()).isEqualTo(status);
        assertThat(response.body()).as(response.toString()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    private static void assertInvalidToken(Response response) {
        assertProblem(response, 401, "invalid_token");
        assertThat(response.header("WWW-Authenticate")).as(response.toString()).contains("error=\"invalid_token\"");
    }

    private static void assertInvalidGrant(Response response) {
        assertProblem(response, 401, "invalid_grant");
    }

    /** API.md: bad input is 400 "with the field named". */
    private static void assertNamesField(Response response, String field) {
        String named = response.text("field");
        String detail = response.text("detail");
        assertThat(field.equals(named) || (detail != null && detail.contains(field)))
                .as("%s should name field %s", response, field).isTrue();
    }

    private static Map<String, JsonNode> bySessionId(JsonNode array) {
        assertThat(array.isArray()).as(array.toString()).isTrue();
        Map<String, JsonNode> sessions = new HashMap<>();
        List<String> ids = new ArrayList<>();
        for (JsonNode entry : array) {
            String id = entry.get("session_id").asText();
            ids.add(id);
            sessions.put(id, entry);
        }
        assertThat(ids).as("no duplicates in %s", array).doesNotHaveDuplicates();
        return sessions;
    }
}
