package dev.rotor.app.e2e;

import static dev.rotor.app.e2e.E2eSupport.PASSWORD;
import static dev.rotor.app.e2e.E2eSupport.assertInvalidToken;
import static dev.rotor.app.e2e.E2eSupport.assertProblem;
import static dev.rotor.app.e2e.E2eSupport.isUuid;
import static dev.rotor.app.e2e.E2eSupport.jwtPart;
import static dev.rotor.app.e2e.E2eSupport.login;
import static dev.rotor.app.e2e.E2eSupport.newUser;
import static dev.rotor.app.e2e.E2eSupport.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Proves the README curl tour end to end: admin creates a user, who logs in, refreshes, checks /me, manages sessions and logs out. */
class ApiTourE2ETest {

    private static final Pattern BASE64URL_43 = Pattern.compile("[A-Za-z0-9_-]{43}");

    private static RotorServer server;
    private static RotorClient client;

    @BeforeAll
    static void useSharedServer() {
        server = SharedRotorServer.get();
        client = server.client();
    }

    @Test
    void curlTourFromAdminLoginToLogout() {
        // bootstrap admin logs in
        String admin = client.adminToken();
        assertThat(admin).isNotBlank();

        // admin creates a user; the email is given in mixed case
        String email = uniqueEmail();
        String mixedCaseEmail = email.toUpperCase(Locale.ROOT).replace("@EXAMPLE.COM", "@Example.Com");
        RotorClient.Response created = client.post("/api/v1/admin/users",
                RotorClient.json("email", mixedCaseEmail, "password", PASSWORD, "roles", List.of("user")), admin);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String userId = created.text("user_id");
        assertThat(isUuid(userId)).as("user_id %s is a UUID", userId).isTrue();

        // user logs in
        RotorClient.Response loginResponse = client.login(email, PASSWORD);
        assertThat(loginResponse.status()).as(loginResponse.body()).isEqualTo(200);
        JsonNode login = loginResponse.json();
        assertTokenResponse(login);
        assertThat(login.get("expires_in").asLong()).isEqualTo(900);
        assertThat(login.get("refresh_expires_in").asLong()).isEqualTo(2_592_000);
        String sessionId = login.get("session_id").asText();
        String access1 = login.get("access_token").asText();
        String refresh1 = login.get("refresh_token").asText();

        // /me
        RotorClient.Response me = client.me(access1);
        assertThat(me.status()).as(me.body()).isEqualTo(200);
        assertThat(me.text("user_id")).isEqualTo(userId);
        assertThat(me.text("email")).isEqualTo(email);
        assertThat(texts(me.json().get("roles"))).containsExactly("user");
        assertThat(me.text("session_id")).isEqualTo(sessionId);
        assertThat(texts(me.json().get("amr"))).containsExactly("pwd");

        // refresh
        RotorClient.Response refreshed = client.refresh(refresh1);
        assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
        assertTokenResponse(refreshed.json());
        String refresh2 = refreshed.text("refresh_token");
        String access2 = refreshed.text("access_token");
        assertThat(refresh2).isNotEqualTo(refresh1);
        assertThat(refreshed.text("session_id")).isEqualTo(sessionId);
        RotorClient.Response meAfterRefresh = client.me(access2);
        assertThat(meAfterRefresh.status()).as(meAfterRefresh.body()).isEqualTo(200);
        assertThat(meAfterRefresh.text("session_id")).isEqualTo(sessionId);
        assertThat(meAfterRefresh.text("user_id")).isEqualTo(userId);

        // logout
        RotorClient.Response logout = client.logout(access2);
        assertThat(logout.status()).as(logout.body()).isEqualTo(204);

        // the session is dead at once: access token and latest refresh token
        assertInvalidToken(client.me(access2));
        assertProblem(client.refresh(refresh2), 401, "invalid_grant");
        assertInvalidToken(client.me(access1));
        assertInvalidToken(client.logout(access2));
    }

    @Test
    void accessTokenIsAnEs256JwtThatAJwksOnlyClientCanVerify() throws Exception {
        String email = uniqueEmail();
        String userId = newUser(client, email);
        JsonNode login = login(client, email, PASSWORD);
        String access = login.get("access_token").asText();

        JsonNode header = jwtPart(access, 0);
        assertThat(header.path("alg").asText()).isEqualTo("ES256");
        assertThat(header.path("typ").asText()).isEqualTo("at+jwt");
        String kid = header.path("kid").asText();
        assertThat(kid).isNotBlank();

        JsonNode payload = jwtPart(access, 1);
        for (String claim : List.of("iss", "sub", "aud", "iat", "exp", "jti", "sid", "amr", "roles", "email", "ver")) {
            assertThat(payload.has(claim)).as("claim %s in %s", claim, payload).isTrue();
        }
        assertThat(payload.get("iss").asText()).isEqualTo(RotorServer.ISSUER);
        assertThat(payload.get("sub").asText()).isEqualTo(userId);
        assertThat(payload.get("sid").asText()).isEqualTo(login.get("session_id").asText());
        assertThat(payload.get("email").asText()).isEqualTo(email);
        assertThat(payload.get("exp").asLong() - payload.get("iat").asLong()).isEqualTo(900);
        assertThat(texts(payload.get("amr"))).containsExactly("pwd");
        assertThat(texts(payload.get("roles"))).contains("user");
        assertThat(payload.get("jti").asText()).isNotBlank();

        // a client that knows only the JWKS can verify the signature
        RotorClient.Response jwksResponse = client.get("/.well-known/jwks.json", null);
        assertThat(jwksResponse.status()).isEqualTo(200);
        assertThat(jwksResponse.body()).doesNotContain("\"d\"");
        JWKSet jwks = JWKSet.parse(jwksResponse.body());
        assertThat(jwks.getKeys()).isNotEmpty();
        for (JWK key : jwks.getKeys()) {
            assertThat(key.isPrivate()).as("JWKS key %s is public only", key.getKeyID()).isFalse();
            assertThat(key.toJSONObject()).doesNotContainKey("d");
        }
        JWK published = jwks.getKeyByKeyId(kid);
        assertThat(published).as("kid %s is published in the JWKS", kid).isNotNull();
        assertThat(published).isInstanceOf(ECKey.class);

        JWSObject jws = JWSObject.parse(access);
        assertThat(jws.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        ECDSAVerifier verifier = new ECDSAVerifier(published.toECKey().toECPublicKey());
        assertThat(jws.verify(verifier)).as("signature verifies against the JWKS key").isTrue();

        // and a tampered token does not verify with the same key
        JWSObject tampered = JWSObject.parse(E2eSupport.tamperSignature(access));
        assertThat(tampered.verify(new ECDSAVerifier(published.toECKey().toECPublicKey()))).isFalse();
    }

    @Test
    void emailIsUniqueRegardlessOfCaseAndWhitespace() {
        String admin = client.adminToken();
        String email = uniqueEmail();
        client.createUser(admin, email, PASSWORD, List.of("user"));

        for (String again : List.of(email, email.toUpperCase(Locale.ROOT), "  " + email + " ",
                " " + email.toUpperCase(Locale.ROOT) + "\t")) {
            RotorClient.Response duplicate = client.post("/api/v1/admin/users",
                    RotorClient.json("email", again, "password", PASSWORD + "-other", "roles", List.of("user")), admin);
            assertProblem(duplicate, 409, "email_taken");
        }
        // the original credentials are untouched
        assertThat(client.login(email, PASSWORD).status()).isEqualTo(200);
        assertProblem(client.login(email, PASSWORD + "-other"), 401, "invalid_credentials");
    }

    @Test
    void nonAdminCannotCreateUsers() {
        String email = uniqueEmail();
        newUser(client, email);
        String userAccess = login(client, email, PASSWORD).get("access_token").asText();

        String victim = uniqueEmail();
        RotorClient.Response forbidden = client.post("/api/v1/admin/users",
                RotorClient.json("email", victim, "password", PASSWORD, "roles", List.of("admin")), userAccess);
        assertProblem(forbidden, 403, "forbidden");
        // nothing was created
        assertProblem(client.login(victim, PASSWORD), 401, "invalid_credentials");
    }

    @Test
    void wrongPasswordAndUnknownEmailAnswerTheSame() {
        String email = uniqueEmail();
        newUser(client, email);

        RotorClient.Response wrongPassword = client.login(email, "not-the-right-password");
        RotorClient.Response unknownEmail = client.login(uniqueEmail(), "not-the-right-password");

        assertProblem(wrongPassword, 401, "invalid_credentials");
        assertProblem(unknownEmail, 401, "invalid_credentials");
        assertThat(unknownEmail.body()).isEqualTo(wrongPassword.body());
        assertThat(unknownEmail.contentType()).isEqualTo(wrongPassword.contentType());
        assertThat(wrongPassword.body()).doesNotContain("not-the-right-password");
        assertThat(wrongPassword.header("Retry-After")).isNull();
        // the user can still log in afterwards
        assertThat(client.login(email, PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void userListsAndRevokesOwnSessions() {
        String email = uniqueEmail();
        newUser(client, email);
        JsonNode first = login(client, email, PASSWORD);
        JsonNode second = login(client, email, PASSWORD);
        String firstSession = first.get("session_id").asText();
        String secondSession = second.get("session_id").asText();
        String firstAccess = first.get("access_token").asText();
        String secondAccess = second.get("access_token").asText();
        assertThat(firstSession).isNotEqualTo(secondSession);

        RotorClient.Response list = client.get("/api/v1/me/sessions", firstAccess);
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        JsonNode sessions = list.json();
        assertThat(sessions.isArray()).isTrue();
        assertThat(sessionIds(sessions)).containsExactlyInAnyOrder(firstSession, secondSession);
        for (JsonNode session : sessions) {
            boolean current = session.path("current").asBoolean(false);
            assertThat(session.has("current")).isTrue();
            assertThat(current).as("current flag of %s", session)
                    .isEqualTo(session.get("session_id").asText().equals(firstSession));
            assertThat(session.hasNonNull("created_at")).as("created_at in %s", session).isTrue();
            assertThatCode(() -> Instant.parse(session.get("created_at").asText())).doesNotThrowAnyException();
            assertThat(session.hasNonNull("refresh_expires_at")).as("refresh_expires_at in %s", session).isTrue();
        }

        // revoke the other session from the first one
        RotorClient.Response revoke = client.delete("/api/v1/me/sessions/" + secondSession, firstAccess);
        assertThat(revoke.status()).as(revoke.body()).isEqualTo(204);
        assertInvalidToken(client.me(secondAccess));
        assertProblem(client.refresh(second.get("refresh_token").asText()), 401, "invalid_grant");
        // the caller's own session is untouched and the list shrank
        assertThat(client.me(firstAccess).status()).isEqualTo(200);
        RotorClient.Response after = client.get("/api/v1/me/sessions", firstAccess);
        assertThat(after.status()).isEqualTo(200);
        assertThat(sessionIds(after.json())).containsExactly(firstSession);

        // already revoked, unknown, and someone else's session: 404
        assertProblem(client.delete("/api/v1/me/sessions/" + secondSession, firstAccess), 404, "not_found");
        assertProblem(client.delete("/api/v1/me/sessions/" + java.util.UUID.randomUUID(), firstAccess), 404,
                "not_found");
        assertProblem(client.delete("/api/v1/me/sessions/not-a-session-id", firstAccess), 404, "not_found");
        String otherEmail = uniqueEmail();
        newUser(client, otherEmail);
        JsonNode other = login(client, otherEmail, PASSWORD);
        assertProblem(client.delete("/api/v1/me/sessions/" + other.get("session_id").asText(), firstAccess), 404,
                "not_found");
        assertThat(client.me(other.get("access_token").asText()).status()).isEqualTo(200);
    }

    private static void assertTokenResponse(JsonNode tokens) {
        assertThat(tokens.path("token_type").asText()).isEqualTo("Bearer");
        assertThat(tokens.path("expires_in").asLong()).isEqualTo(900);
        assertThat(tokens.path("access_token").asText()).isNotBlank();
        assertThat(tokens.path("access_token").asText().split("\\.")).hasSize(3);
        assertThat(tokens.path("refresh_token").asText()).matches(BASE64URL_43);
        assertThat(tokens.path("refresh_expires_in").asLong()).isPositive().isLessThanOrEqualTo(2_592_000);
        assertThat(isUuid(tokens.path("session_id").asText())).as("session_id is a UUID: %s", tokens).isTrue();
        Instant now = Instant.now();
        Instant accessExpires = Instant.parse(tokens.path("access_expires_at").asText());
        Instant refreshExpires = Instant.parse(tokens.path("refresh_expires_at").asText());
        assertThat(accessExpires).isAfter(now);
        assertThat(refreshExpires).isAfter(accessExpires);
    }

    private static List<String> texts(JsonNode array) {
        assertThat(array).isNotNull();
        assertThat(array.isArray()).as("%s is an array", array).isTrue();
        List<String> out = new ArrayList<>();
        array.forEach(node -> out.add(node.asText()));
        return out;
    }

    private static List<String> sessionIds(JsonNode sessions) {
        List<String> ids = new ArrayList<>();
        sessions.forEach(session -> ids.add(session.get("session_id").asText()));
        return ids;
    }
}
