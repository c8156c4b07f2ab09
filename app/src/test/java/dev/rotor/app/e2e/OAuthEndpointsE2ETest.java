package dev.rotor.app.e2e;

import static dev.rotor.app.e2e.E2eSupport.PASSWORD;
import static dev.rotor.app.e2e.E2eSupport.assertInvalidToken;
import static dev.rotor.app.e2e.E2eSupport.assertProblem;
import static dev.rotor.app.e2e.E2eSupport.jwtPart;
import static dev.rotor.app.e2e.E2eSupport.login;
import static dev.rotor.app.e2e.E2eSupport.newUser;
import static dev.rotor.app.e2e.E2eSupport.tamperSignature;
import static dev.rotor.app.e2e.E2eSupport.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Discovery, revocation (RFC 7009) and introspection (RFC 7662) over real HTTP. */
class OAuthEndpointsE2ETest {

    private static RotorServer server;
    private static RotorClient client;
    private static String introspectorToken;

    @BeforeAll
    static void useSharedServer() {
        server = SharedRotorServer.get();
        client = server.client();
        String email = uniqueEmail();
        client.createUser(client.adminToken(), email, PASSWORD, List.of("introspector"));
        introspectorToken = login(client, email, PASSWORD).get("access_token").asText();
    }

    @Test
    void discoveryNamesTheIssuerOfTheTokensAndTheEndpoints() {
        RotorClient.Response discovery = client.get("/.well-known/openid-configuration", null);
        assertThat(discovery.status()).as(discovery.body()).isEqualTo(200);
        JsonNode metadata = discovery.json();
        String issuer = metadata.get("issuer").asText();
        assertThat(issuer).isEqualTo(RotorServer.ISSUER);
        assertThat(metadata.get("jwks_uri").asText()).isEqualTo(issuer + "/.well-known/jwks.json");
        assertThat(metadata.get("introspection_endpoint").asText()).isEqualTo(issuer + "/api/v1/oauth/introspect");
        assertThat(metadata.get("revocation_endpoint").asText()).isEqualTo(issuer + "/api/v1/oauth/revoke");
        assertThat(metadata.get("id_token_signing_alg_values_supported").toString()).isEqualTo("[\"ES256\"]");

        String email = uniqueEmail();
        newUser(client, email);
        String access = login(client, email, PASSWORD).get("access_token").asText();
        assertThat(jwtPart(access, 1).get("iss").asText()).as("discovery issuer is the tokens' iss").isEqualTo(issuer);
    }

    @Test
    void revokingAnAccessTokenEndsItsSession() {
        JsonNode tokens = newLogin();
        String access = tokens.get("access_token").asText();
        assertThat(client.me(access).status()).isEqualTo(200);

        RotorClient.Response revoked = client.revoke(access);
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);

        assertInvalidToken(client.me(access));
        assertProblem(client.refresh(tokens.get("refresh_token").asText()), 401, "invalid_grant");
    }

    @Test
    void revokingARefreshTokenEndsItsSession() {
        JsonNode tokens = newLogin();
        String refresh = tokens.get("refresh_token").asText();

        RotorClient.Response revoked = client.postForm("/api/v1/oauth/revoke",
                Map.of("token", refresh, "token_type_hint", "refresh_token"), null);
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);

        assertProblem(client.refresh(refresh), 401, "invalid_grant");
        assertInvalidToken(client.me(tokens.get("access_token").asText()));
        assertThat(client.revoke(refresh).status()).as("revoking again changes nothing").isEqualTo(200);
    }

    @Test
    void unknownAndMalformedTokensAreQuietlyAccepted() {
        JsonNode tokens = newLogin();
        List<String> strangers = new ArrayList<>(List.of(
                "A".repeat(43), "not-a-token", "a.b.c", tamperSignature(tokens.get("access_token").asText()),
                "x".repeat(20_000), "ä€\u0000")); // a 43-character refresh token nobody has, garbage, a forged JWT
        for (String token : strangers) {
            RotorClient.Response revoked = client.revoke(token);
            assertThat(revoked.status()).as("revoke %s: %s", token.length(), revoked.body()).isEqualTo(200);
        }
        assertThat(client.me(tokens.get("access_token").asText()).status())
                .as("a forged copy of a token does not revoke the real one's session").isEqualTo(200);
    }

    @Test
    void aRequestWithoutATokenIsInvalid() {
        assertProblem(client.postForm("/api/v1/oauth/revoke", Map.of(), null), 400, "invalid_request");
        RotorClient.Response blank = client.postForm("/api/v1/oauth/revoke", Map.of("token", " "), null);
        assertProblem(blank, 400, "invalid_request");
        assertThat(blank.text("field")).isEqualTo("token");
        RotorClient.Response introspect = client.postForm("/api/v1/oauth/introspect", Map.of(), introspectorToken);
        assertProblem(introspect, 400, "invalid_request");
        assertThat(introspect.text("field")).isEqualTo("token");
        RotorClient.Response json = client.post("/api/v1/oauth/revoke", RotorClient.json("token", "x"), null);
        assertProblem(json, 415, "unsupported_media_type");
        assertThat(json.text("detail")).contains("application/x-www-form-urlencoded");
    }

    @Test
    void introspectionOfAnAccessTokenFollowsTheSession() {
        String email = uniqueEmail();
        String userId = newUser(client, email);
        JsonNode tokens = login(client, email, PASSWORD);
        String access = tokens.get("access_token").asText();

        RotorClient.Response active = client.introspect(access, introspectorToken);
        assertThat(active.status()).as(active.body()).isEqualTo(200);
        assertThat(active.header("Cache-Control")).contains("no-store");
        JsonNode claims = active.json();
        assertThat(claims.get("active").asBoolean()).isTrue();
        assertThat(claims.get("token_type").asText()).isEqualTo("access_token");
        assertThat(claims.get("sub").asText()).isEqualTo(userId);
        assertThat(claims.get("sid").asText()).isEqualTo(tokens.get("session_id").asText());
        assertThat(claims.get("iss").asText()).isEqualTo(RotorServer.ISSUER);
        assertThat(claims.get("aud").toString()).isEqualTo("[\"rotor\"]");
        assertThat(claims.get("email").asText()).isEqualTo(email);
        assertThat(claims.get("roles").toString()).isEqualTo("[\"user\"]");
        assertThat(claims.get("amr").toString()).isEqualTo("[\"pwd\"]");
        JsonNode jwt = jwtPart(access, 1);
        assertThat(claims.get("exp").asLong()).isEqualTo(jwt.get("exp").asLong());
        assertThat(claims.get("iat").asLong()).isEqualTo(jwt.get("iat").asLong());

        assertThat(client.logout(access).status()).isEqualTo(204);
        RotorClient.Response inactive = client.introspect(access, introspectorToken);
        assertThat(inactive.status()).isEqualTo(200);
        assertThat(inactive.body()).isEqualTo("{\"active\":false}");
    }

    @Test
    void introspectionOfARefreshTokenNeitherRotatesItNorCountsAsReuse() {
        JsonNode tokens = newLogin();
        String first = tokens.get("refresh_token").asText();

        RotorClient.Response looked = client.introspect(first, introspectorToken);
        assertThat(looked.status()).as(looked.body()).isEqualTo(200);
        assertThat(looked.json().get("active").asBoolean()).isTrue();
        assertThat(looked.json().get("token_type").asText()).isEqualTo("refresh_token");
        assertThat(looked.json().get("sid").asText()).isEqualTo(tokens.get("session_id").asText());
        assertThat(looked.json().get("exp").asLong()).isGreaterThan(looked.json().get("iat").asLong());

        RotorClient.Response refreshed = client.refresh(first);
        assertThat(refreshed.status()).as("the token looked at still refreshes: it was not rotated")
                .isEqualTo(200);
        String second = refreshed.text("refresh_token");

        assertThat(client.introspect(first, introspectorToken).body()).as("rotated out")
                .isEqualTo("{\"active\":false}");
        assertThat(client.introspect(first, introspectorToken).body()).isEqualTo("{\"active\":false}");
        assertThat(client.introspect(second, introspectorToken).json().get("active").asBoolean()).isTrue();
        RotorClient.Response again = client.refresh(second);
        assertThat(again.status()).as("looking at a rotated-out token is not reuse: the session lives")
                .isEqualTo(200);
        assertThat(client.me(again.text("access_token")).status()).isEqualTo(200);

        assertThat(client.logout(again.text("access_token")).status()).isEqualTo(204);
        assertThat(client.introspect(again.text("refresh_token"), introspectorToken).body())
                .as("the refresh token of a revoked session").isEqualTo("{\"active\":false}");
    }

    @Test
    void unknownTokensAreInactive() {
        for (String token : List.of("A".repeat(43), "not-a-token", "a.b.c")) {
            RotorClient.Response answer = client.introspect(token, introspectorToken);
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo("{\"active\":false}");
        }
    }

    @Test
    void onlyAdminsAndIntrospectorsMayIntrospect() {
        JsonNode tokens = newLogin();
        String access = tokens.get("access_token").asText();

        assertInvalidToken(client.introspect(access, null));
        assertInvalidToken(client.introspect(access, "not-a-token"));
        // API.md: 401 without an allowed caller, also for a valid token that lacks the role (RFC 7662 2.3)
        assertInvalidToken(client.introspect(access, access));

        RotorClient.Response byAdmin = client.introspect(access, client.adminToken());
        assertThat(byAdmin.status()).as(byAdmin.body()).isEqualTo(200);
        assertThat(byAdmin.json().get("active").asBoolean()).isTrue();
    }

    @Test
    void anOversizedFormIsRefusedWithoutA5xx() {
        byte[] body = ("token=" + "A".repeat(100_000)).getBytes(StandardCharsets.US_ASCII);
        RotorClient.Response declared = client.postRaw("/api/v1/oauth/revoke", "application/x-www-form-urlencoded",
                body);
        assertProblem(declared, 413, "payload_too_large");
        RotorClient.Response chunked = E2eSupport.send(server.baseUrl(), "POST", "/api/v1/oauth/revoke",
                Map.of("Content-Type", "application/x-www-form-urlencoded"), E2eSupport.chunked(body));
        assertThat(chunked.status()).as(chunked.body()).isLessThan(500);
        assertProblem(chunked, 413, "payload_too_large");
    }

    private static JsonNode newLogin() {
        String email = uniqueEmail();
        newUser(client, email);
        return login(client, email, PASSWORD);
    }
}
