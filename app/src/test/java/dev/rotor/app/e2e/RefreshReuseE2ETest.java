package dev.rotor.app.e2e;

import static dev.rotor.app.e2e.E2eSupport.PASSWORD;
import static dev.rotor.app.e2e.E2eSupport.assertInvalidToken;
import static dev.rotor.app.e2e.E2eSupport.assertProblem;
import static dev.rotor.app.e2e.E2eSupport.login;
import static dev.rotor.app.e2e.E2eSupport.newUser;
import static dev.rotor.app.e2e.E2eSupport.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Proves refresh-token reuse detection: a grandparent kills the whole family, the immediate parent within the leeway is forgiven. */
class RefreshReuseE2ETest {

    private static RotorServer server;
    private static RotorClient client;

    @BeforeAll
    static void useSharedServer() {
        server = SharedRotorServer.get();
        client = server.client();
    }

    @Test
    void reusingAGrandparentRevokesTheWholeFamily() {
        String email = uniqueEmail();
        newUser(client, email);
        JsonNode login = login(client, email, PASSWORD);
        String sessionId = login.get("session_id").asText();
        String tokenA = login.get("refresh_token").asText();

        RotorClient.Response toB = client.refresh(tokenA);
        assertThat(toB.status()).as(toB.body()).isEqualTo(200);
        String tokenB = toB.text("refresh_token");
        RotorClient.Response toC = client.refresh(tokenB);
        assertThat(toC.status()).as(toC.body()).isEqualTo(200);
        String tokenC = toC.text("refresh_token");
        String accessC = toC.text("access_token");
        assertThat(tokenC).isNotEqualTo(tokenB).isNotEqualTo(tokenA);
        assertThat(toC.text("session_id")).isEqualTo(sessionId);
        assertThat(client.me(accessC).status()).as("newest access token works before the reuse").isEqualTo(200);

        // A is two rotations old: reuse, even inside the leeway
        RotorClient.Response reuse = client.refresh(tokenA);
        assertProblem(reuse, 401, "invalid_grant");
        assertThat(reuse.body()).doesNotContain(tokenA);

        // the whole family is dead
        assertProblem(client.refresh(tokenC), 401, "invalid_grant");
        assertInvalidToken(client.me(accessC));
        assertProblem(client.refresh(tokenB), 401, "invalid_grant");
        assertInvalidToken(client.me(login.get("access_token").asText()));
    }

    @Test
    void theImmediateParentWithinTheLeewayAnswersTheCurrentToken() {
        String email = uniqueEmail();
        newUser(client, email);
        JsonNode login = login(client, email, PASSWORD);
        String sessionId = login.get("session_id").asText();
        String tokenA = login.get("refresh_token").asText();

        RotorClient.Response first = client.refresh(tokenA);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        String tokenB = first.text("refresh_token");

        // a second tab (or a lost response) presents A again right away
        RotorClient.Response again = client.refresh(tokenA);
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.text("refresh_token")).isEqualTo(tokenB);
        assertThat(again.text("session_id")).isEqualTo(sessionId);
        RotorClient.Response meAgain = client.me(again.text("access_token"));
        assertThat(meAgain.status()).as(meAgain.body()).isEqualTo(200);
        assertThat(meAgain.text("session_id")).isEqualTo(sessionId);

        // the session is still alive: B refreshes and the first answer's access token works
        RotorClient.Response next = client.refresh(tokenB);
        assertThat(next.status()).as(next.body()).isEqualTo(200);
        assertThat(next.text("session_id")).isEqualTo(sessionId);
        assertThat(next.text("refresh_token")).isNotEqualTo(tokenB).isNotEqualTo(tokenA);
        assertThat(client.me(first.text("access_token")).status()).isEqualTo(200);
        assertThat(client.me(next.text("access_token")).status()).isEqualTo(200);
    }
}
