package dev.rotor.app.e2e;

import static dev.rotor.app.e2e.E2eSupport.PASSWORD;
import static dev.rotor.app.e2e.E2eSupport.assertInvalidToken;
import static dev.rotor.app.e2e.E2eSupport.assertProblem;
import static dev.rotor.app.e2e.E2eSupport.login;
import static dev.rotor.app.e2e.E2eSupport.uniqueEmail;
import static dev.rotor.app.e2e.RotorClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rotor.app.e2e.RotorClient.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The audit over HTTP (API.md, "Admin: audit"), on a server of its own (the script ends with a
 * global rotation, which would reach every other class's sessions). One user's history is scripted
 * once; the tests read it back through the filters, the pages, the stream and the time-travel view.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditE2ETest {

    private static final String AUDIT = "/api/v1/admin/audit";
    private static final String NDJSON = "application/x-ndjson";
    private static final String GLOBAL_REASON = "audit drill";

    private static RotorServer server;
    private static RotorClient client;
    /** The admin's token: from a login after the global rotation, so no grace runs out under the tests. */
    private static String admin;
    private static String adminId;
    private static String userId;
    private static String userAccess;
    private static String s1;
    private static String s2;
    private static String s3;
    private static String s4;
    /** Every refresh token handed out, and their hashes, which no audit answer may contain. */
    private static final List<String> refreshTokens = new ArrayList<>();
    /** Every audit answer, checked for secrets at the end. */
    private static final List<String> bodies = new ArrayList<>();

    @BeforeAll
    static void scriptAUsersHistory() {
        server = RotorServer.start();
        client = server.client();
        String firstAdminToken = client.adminToken();
        adminId = client.me(firstAdminToken).text("user_id");

        String email = uniqueEmail();
        userId = client.createUser(firstAdminToken, email, PASSWORD, List.of("user"));
        assertProblem(client.login(email, "not-the-password-at-all"), 401, "invalid_credentials");

        JsonNode first = login(client, email, PASSWORD);
        s1 = first.get("session_id").asText();
        String r0 = keep(first.get("refresh_token").asText());
        String r1 = keep(refreshed(r0));
        keep(refreshed(r1));
        assertProblem(client.refresh(r0), 401, "invalid_grant"); // two rotations old: reuse, the family dies

        JsonNode second = login(client, email, PASSWORD);
        s2 = second.get("session_id").asText();
        keep(second.get("refresh_token").asText());
        JsonNode third = login(client, email, PASSWORD);
        s3 = third.get("session_id").asText();
        keep(third.get("refresh_token").asText());
        assertThat(client.logout(third.get("access_token").asText()).status()).isEqualTo(204);

        Response everywhere = client.post("/api/v1/me/logout-all", null, second.get("access_token").asText());
        assertThat(everywhere.status()).as(everywhere.body()).isEqualTo(200);

        JsonNode fourth = login(client, email, PASSWORD);
        s4 = fourth.get("session_id").asText();
        userAccess = fourth.get("access_token").asText();
        keep(fourth.get("refresh_token").asText());

        Response global = client.post("/api/v1/admin/rotations/global",
                json("reason", GLOBAL_REASON, "grace_period_seconds", 300), firstAdminToken);
        assertThat(global.status()).as(global.body()).isEqualTo(200);
        admin = client.adminToken();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // The trail and its filters
    // ---------------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void aUsersTrailIsItsWholeHistoryInOrder() {
        List<JsonNode> trail = audit("user_id=" + userId);

        assertThat(trail).extracting(e -> e.get("type").asText()).containsExactly(
                "UserRegistered", "LoginFailed",
                "LoginSucceeded", "SessionIssued", "RefreshTokenRotated", "RefreshTokenRotated",
                "RefreshTokenReuseDetected", "SessionRevoked",
                "LoginSucceeded", "SessionIssued",
                "LoginSucceeded", "SessionIssued", "SessionRevoked",
                "TokenRotated",
                "LoginSucceeded", "SessionIssued",
                "TokenRotated");
        assertThat(trail).extracting(e -> text(e, "session_id")).containsExactly(
                null, null, null, s1, s1, s1, s1, s1, null, s2, null, s3, s3, null, null, s4, null);
        assertThat(trail).extracting(e -> text(e, "actor")).containsExactly(
                adminId, null, null, null, null, null, null, "system", null, null, null, null, userId, userId, null,
                null, adminId);
        assertThat(trail).extracting(e -> text(e, "reason")).containsExactly(
                null, "bad_password", null, null, null, null, null, "refresh_token_reuse", null, null, null, null,
                "logout", "logout_everywhere", null, null, GLOBAL_REASON);
        // Every entry is the user's (refresh rotations through the index), except the global rotation.
        assertThat(trail.subList(0, 16)).allSatisfy(e -> assertThat(text(e, "user_id")).isEqualTo(userId));
        assertThat(text(trail.get(16), "user_id")).isNull();
        assertThat(trail).extracting(e -> text(e, "aggregate_id")).containsExactly(
                userId, userId, userId, s1, s1, s1, s1, s1, userId, s2, userId, s3, s3, userId, userId, s4, "global");

        long previous = 0;
        Instant previousTime = Instant.EPOCH;
        for (JsonNode entry : trail) {
            assertThat(entry.get("sequence").asLong()).isGreaterThan(previous);
            previous = entry.get("sequence").asLong();
            Instant at = Instant.parse(entry.get("timestamp").asText());
            assertThat(at).isAfterOrEqualTo(previousTime);
            previousTime = at;
            assertThat(entry.has("ip")).isTrue();
            assertThat(entry.get("data").isObject()).as(entry.toString()).isTrue();
        }
        assertThat(text(trail.get(1), "ip")).isNotBlank();
        assertThat(text(trail.get(3), "ip")).isNotBlank();
        assertThat(trail.get(0).get("data").get("roles").get(0).asText()).isEqualTo("user");
        assertThat(trail.get(0).get("data").has("email")).isTrue();
        assertThat(trail.get(1).get("data").get("consecutive_failures").asInt()).isEqualTo(1);
        assertThat(trail.get(3).get("data").get("user_version").asLong()).isEqualTo(1);
        assertThat(trail.get(13).get("data").get("scope").asText()).isEqualTo("user");
        assertThat(trail.get(13).get("data").get("new_version").asLong()).isEqualTo(2);
        assertThat(trail.get(15).get("data").get("user_version").asLong()).isEqualTo(2);
        assertThat(trail.get(16).get("data").get("scope").asText()).isEqualTo("global");
        assertThat(trail.get(16).get("data").get("grace_period_seconds").asLong()).isEqualTo(300);
    }

    @Test
    @Order(2)
    void filtersBySessionTypeAndTime() {
        List<JsonNode> trail = audit("user_id=" + userId);

        List<JsonNode> session = audit("session_id=" + s1);
        assertThat(session).extracting(e -> e.get("type").asText()).containsExactly("SessionIssued",
                "RefreshTokenRotated", "RefreshTokenRotated", "RefreshTokenReuseDetected", "SessionRevoked");
        assertThat(session).isEqualTo(trail.subList(3, 8));
        assertThat(audit("user_id=" + userId + "&session_id=" + s1)).isEqualTo(session);
        assertThat(audit("user_id=" + adminId + "&session_id=" + s1)).isEmpty();

        assertThat(audit("user_id=" + userId + "&type=SessionIssued,LoginFailed"))
                .isEqualTo(only(trail, e -> List.of("SessionIssued", "LoginFailed").contains(e.get("type").asText())));
        assertThat(audit("user_id=" + userId + "&type=SessionIssued&type=LoginFailed"))
                .isEqualTo(only(trail, e -> List.of("SessionIssued", "LoginFailed").contains(e.get("type").asText())));
        assertThat(audit("user_id=" + userId + "&type=TokenRotated")).isEqualTo(List.of(trail.get(13), trail.get(16)));
        assertThat(audit("session_id=" + s3 + "&type=SessionRevoked")).isEqualTo(List.of(trail.get(12)));
        List<JsonNode> rotations = audit("type=TokenRotated");
        assertThat(rotations).contains(trail.get(13), trail.get(16));
        assertThat(rotations).allSatisfy(e -> assertThat(e.get("type").asText()).isEqualTo("TokenRotated"));

        Instant from = instant(trail.get(4));
        Instant to = instant(trail.get(7));
        assertThat(audit("user_id=" + userId + "&from=" + from + "&to=" + to))
                .isEqualTo(only(trail, e -> !instant(e).isBefore(from) && !instant(e).isAfter(to)))
                .contains(trail.get(4), trail.get(7))
                .doesNotContain(trail.get(3), trail.get(8));
        assertThat(audit("user_id=" + userId + "&from=" + from.plusNanos(1)))
                .isEqualTo(only(trail, e -> instant(e).isAfter(from)));
        assertThat(audit("session_id=" + s1 + "&to=" + instant(trail.get(3)))).isEqualTo(List.of(trail.get(3)));
        assertThat(audit("from=" + Instant.now().plusSeconds(3600))).isEmpty();

        // Ids that name nothing match nothing.
        assertThat(audit("user_id=" + UUID.randomUUID())).isEmpty();
        assertThat(audit("session_id=" + UUID.randomUUID())).isEmpty();
        assertThat(audit("user_id=" + encode("not a user id'; drop table rm_audit_index; --"))).isEmpty();
        assertThat(audit("session_id=" + userId)).isEmpty();
        assertThat(audit("user_id=" + s1)).isEmpty();
    }

    @Test
    @Order(3)
    void badParametersAreInvalidRequestsNamingTheField() {
        Map<String, String> bad = Map.of(
                "from=yesterday", "from",
                "to=2026-13-01T00:00:00Z", "to",
                "after=-1", "after",
                "after=abc", "after",
                "limit=0", "limit",
                "limit=1001", "limit",
                "limit=ten", "limit",
                "type=SessionIssuedEvent", "type",
                "type=LoginFailed,Nope", "type");
        bad.forEach((query, field) -> {
            Response response = client.get(AUDIT + "?" + query, admin);
            assertProblem(response, 400, "invalid_request");
            assertThat(response.text("field")).as(query).isEqualTo(field);
        });
        assertThat(audit("limit=1000")).isNotEmpty();
        assertThat(audit("limit=1")).hasSize(1);
    }

    @Test
    @Order(4)
    void onlyAdminsMayReadTheAudit() {
        assertInvalidToken(client.get(AUDIT, null));
        assertInvalidToken(client.get(AUDIT + "/sessions/" + s4, null));
        assertProblem(client.get(AUDIT + "?user_id=" + userId, userAccess), 403, "forbidden");
        assertProblem(client.get(AUDIT + "/sessions/" + s4, userAccess), 403, "forbidden");
    }

    @Test
    @Order(5)
    void afterPagesThroughTheTrail() {
        List<JsonNode> trail = audit("user_id=" + userId);
        List<JsonNode> paged = new ArrayList<>();
        long after = 0;
        int pages = 0;
        while (true) {
            List<JsonNode> page = audit("user_id=" + userId + "&limit=5&after=" + after);
            assertThat(page.size()).isLessThanOrEqualTo(5);
            if (page.isEmpty()) {
                break;
            }
            pages++;
            paged.addAll(page);
            after = page.get(page.size() - 1).get("sequence").asLong();
        }
        assertThat(pages).isEqualTo(4);
        assertThat(paged).isEqualTo(trail);

        // The page after an event starts right behind it, whatever the filter.
        long s1Issued = trail.get(3).get("sequence").asLong();
        assertThat(audit("user_id=" + userId + "&after=" + s1Issued + "&limit=2"))
                .isEqualTo(trail.subList(4, 6));
        List<JsonNode> all = audit("limit=1000");
        assertThat(audit("after=" + s1Issued + "&limit=3"))
                .isEqualTo(only(all, e -> e.get("sequence").asLong() > s1Issued).subList(0, 3));
    }

    @Test
    @Order(6)
    void theStreamGivesTheSameEntriesAsThePages() {
        Response streamed = stream("user_id=" + userId);
        assertThat(streamed.status()).as(streamed.body()).isEqualTo(200);
        assertThat(streamed.contentType()).startsWith(NDJSON);
        assertThat(lines(streamed)).isEqualTo(audit("user_id=" + userId));
        assertThat(lines(stream("session_id=" + s1))).isEqualTo(audit("session_id=" + s1));
        assertThat(lines(stream("user_id=" + UUID.randomUUID()))).isEmpty();
        assertProblem(stream("from=nonsense"), 400, "invalid_request");

        // More events than one internal page of the stream (500): a user who refreshed 510 times.
        String email = uniqueEmail();
        String busy = client.createUser(admin, email, PASSWORD, List.of("user"));
        String refresh = keep(login(client, email, PASSWORD).get("refresh_token").asText());
        for (int i = 0; i < 510; i++) {
            refresh = keep(refreshed(refresh));
        }
        List<JsonNode> busyTrail = lines(stream("user_id=" + busy));
        assertThat(busyTrail).hasSize(513);
        assertThat(busyTrail).isEqualTo(audit("user_id=" + busy + "&limit=1000"));
        assertThat(busyTrail.stream().filter(e -> e.get("type").asText().equals("RefreshTokenRotated")))
                .hasSize(510)
                .allSatisfy(e -> assertThat(text(e, "user_id")).isEqualTo(busy));

        // Without a filter: every event of the store, as all the pages of the list together.
        List<JsonNode> everything = lines(stream(""));
        assertThat(everything.size()).isGreaterThan(513 + 17);
        List<JsonNode> paged = new ArrayList<>();
        long after = 0;
        while (true) {
            List<JsonNode> page = audit("limit=200&after=" + after);
            if (page.isEmpty()) {
                break;
            }
            paged.addAll(page);
            after = page.get(page.size() - 1).get("sequence").asLong();
        }
        assertThat(everything).isEqualTo(paged);
        // The list answers the default of 100 when there are more.
        assertThat(audit("")).hasSize(100).isEqualTo(paged.subList(0, 100));
        // The stream ignores the limit: every match.
        assertThat(lines(stream("user_id=" + busy + "&limit=3"))).hasSize(513);
    }

    // ---------------------------------------------------------------------------------------------
    // Time travel
    // ---------------------------------------------------------------------------------------------

    @Test
    @Order(7)
    void aSessionAsItStoodAtEachInstantOfItsHistory() {
        List<JsonNode> trail = audit("user_id=" + userId);
        Instant s1Issued = instant(trail.get(3));
        Instant s1SecondRefresh = instant(trail.get(5));
        Instant s1Reuse = instant(trail.get(6));

        assertVerdict(s1, s1Issued.minusNanos(1), "not_yet_issued", "issued at " + s1Issued);
        JsonNode issued = assertVerdict(s1, s1Issued, "valid", "valid");
        assertThat(issued.get("events")).hasSize(1);
        JsonNode refreshed = assertVerdict(s1, s1SecondRefresh, "valid", "valid");
        assertThat(refreshed.get("events")).hasSize(3);
        assertThat(list(refreshed.get("events"))).isEqualTo(trail.subList(3, 6));
        assertVerdict(s1, s1Reuse.minusNanos(1), "valid", "valid");
        JsonNode reused = assertVerdict(s1, s1Reuse, "reuse_detected", "reuse detected at " + s1Reuse);
        assertThat(reused.get("valid").asBoolean()).isFalse();
        assertVerdict(s1, null, "reuse_detected", "reuse");

        // Valid before the logout, revoked by it after.
        Instant s3Revoked = instant(trail.get(12));
        assertVerdict(s3, s3Revoked.minusNanos(1), "valid", "valid");
        assertVerdict(s3, s3Revoked, "revoked", "revoked by logout at " + s3Revoked);
        JsonNode now = assertVerdict(s3, null, "revoked", "revoked by logout");
        assertThat(list(now.get("events"))).isEqualTo(trail.subList(11, 13));

        // Valid before logout-all, left behind by the user rotation after.
        Instant rotated = instant(trail.get(13));
        assertVerdict(s2, rotated.minusNanos(1), "valid", "valid");
        assertThat(assertVerdict(s2, rotated, "user_version", "user rotation to version 2 at " + rotated)
                .get("explanation").asText()).contains("reason logout_everywhere");
        assertThat(assertVerdict(s2, null, "user_version", "logout_everywhere").get("events")).hasSize(1);

        // s4 was issued under global version 1: valid in the grace of the global rotation, then not.
        Instant s4Issued = instant(trail.get(15));
        Instant global = instant(trail.get(16));
        assertVerdict(s4, global.minusNanos(1), "valid", "valid");
        assertVerdict(s4, global, "valid", "grace of global rotation to version 2");
        String inGrace = assertVerdict(s4, global.plusSeconds(299), "valid", "until ").get("explanation").asText();
        Instant graceEnd = Instant.parse(inGrace.replaceAll(".* until (\\S+?),? .*", "$1"));
        assertThat(Duration.between(global, graceEnd)).isBetween(Duration.ofSeconds(299), Duration.ofSeconds(301));
        assertThat(inGrace).contains("reason " + GLOBAL_REASON).contains("by " + adminId);
        assertVerdict(s4, global.plusSeconds(301), "global_version", "grace ended at");
        // ...and, further on, its idle and absolute lifetimes (30 and 90 days by default) run out first.
        assertVerdict(s4, s4Issued.plus(Duration.ofDays(30)).plusSeconds(1), "idle_expired", "idle expiry");
        assertVerdict(s4, s4Issued.plus(Duration.ofDays(90)).plusSeconds(1), "absolute_expired", "absolute lifetime");
    }

    @Test
    @Order(8)
    void unknownSessionsAreNotFoundAndBadInstantsInvalid() {
        for (String id : List.of(UUID.randomUUID().toString(), "not-a-session", userId, "global",
                encode("x'; select 1; --"))) {
            assertProblem(client.get(AUDIT + "/sessions/" + id, admin), 404, "not_found");
        }
        Response bad = client.get(AUDIT + "/sessions/" + s1 + "?at=last-tuesday", admin);
        assertProblem(bad, 400, "invalid_request");
        assertThat(bad.text("field")).isEqualTo("at");
    }

    @Test
    @Order(9)
    void noAnswerEverHoldsASecret() {
        bodies.add(client.get(AUDIT + "?limit=1000", admin).body());
        bodies.add(stream("").body());
        assertThat(bodies).hasSizeGreaterThan(40);
        assertThat(refreshTokens).hasSizeGreaterThan(500);
        List<String> forbidden = new ArrayList<>(List.of("$argon2", "password_hash", "token_hash"));
        for (String token : refreshTokens) {
            forbidden.add(token);
            forbidden.add(sha256Hex(token));
        }
        for (String body : bodies) {
            for (String secret : forbidden) {
                assertThat(body).doesNotContain(secret);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------

    private static JsonNode assertVerdict(String sessionId, Instant at, String verdict, String explanationPart) {
        Response response = client.get(AUDIT + "/sessions/" + sessionId + (at == null ? "" : "?at=" + at), admin);
        bodies.add(response.body());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.get("session_id").asText()).isEqualTo(sessionId);
        assertThat(body.get("user_id").asText()).isEqualTo(userId);
        assertThat(body.get("verdict").asText()).as("verdict at %s: %s", at, body).isEqualTo(verdict);
        assertThat(body.get("valid").asBoolean()).isEqualTo(verdict.equals("valid"));
        assertThat(body.get("explanation").asText()).as("explanation at %s", at).contains(explanationPart);
        if (at != null) {
            assertThat(Instant.parse(body.get("at").asText())).isEqualTo(at);
        }
        for (JsonNode event : body.get("events")) {
            assertThat(text(event, "session_id")).isEqualTo(sessionId);
            assertThat(text(event, "user_id")).isEqualTo(userId);
            if (at != null) {
                assertThat(instant(event)).isBeforeOrEqualTo(at);
            }
        }
        return body;
    }

    private static List<JsonNode> audit(String query) {
        Response response = client.get(AUDIT + (query.isEmpty() ? "" : "?" + query), admin);
        bodies.add(response.body());
        assertThat(response.status()).as("%s: %s", query, response.body()).isEqualTo(200);
        assertThat(response.json().isArray()).isTrue();
        return list(response.json());
    }

    private static Response stream(String query) {
        Response response = E2eSupport.send(server.baseUrl(), "GET", AUDIT + (query.isEmpty() ? "" : "?" + query),
                Map.of("Authorization", "Bearer " + admin, "Accept", NDJSON), null);
        bodies.add(response.body());
        return response;
    }

    private static List<JsonNode> lines(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.contentType()).startsWith(NDJSON);
        List<JsonNode> entries = new ArrayList<>();
        for (String line : response.body().split("\n")) {
            if (!line.isEmpty()) {
                entries.add(new Response(200, Map.of(), line).json());
            }
        }
        return entries;
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> entries = new ArrayList<>();
        array.forEach(entries::add);
        return entries;
    }

    private static List<JsonNode> only(List<JsonNode> entries, Predicate<JsonNode> keep) {
        return entries.stream().filter(keep).toList();
    }

    private static String refreshed(String refreshToken) {
        Response response = client.refresh(refreshToken);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.text("refresh_token");
    }

    private static String keep(String refreshToken) {
        refreshTokens.add(refreshToken);
        return refreshToken;
    }

    private static String text(JsonNode entry, String field) {
        JsonNode node = entry.get(field);
        assertThat(node).as("%s has %s", entry, field).isNotNull();
        return node.isNull() ? null : node.asText();
    }

    private static Instant instant(JsonNode entry) {
        return Instant.parse(entry.get("timestamp").asText());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String sha256Hex(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
