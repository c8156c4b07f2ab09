package dev.rotor.app.e2e;

import static dev.rotor.app.e2e.E2eSupport.PASSWORD;
import static dev.rotor.app.e2e.E2eSupport.assertInvalidToken;
import static dev.rotor.app.e2e.E2eSupport.assertProblem;
import static dev.rotor.app.e2e.E2eSupport.jwtPart;
import static dev.rotor.app.e2e.E2eSupport.login;
import static dev.rotor.app.e2e.E2eSupport.newUser;
import static dev.rotor.app.e2e.E2eSupport.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Proves that sessions, revocations, signing keys and the bootstrap admin survive a server restart on the same database. */
class RestartE2ETest {

    private static RotorServer server;

    @BeforeAll
    static void startServer() {
        server = RotorServer.start();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void stateSurvivesARestart() throws Exception {
        RotorClient before = server.client();
        String emailX = uniqueEmail();
        String userX = newUser(before, emailX);
        JsonNode x = login(before, emailX, PASSWORD);
        String accessX = x.get("access_token").asText();
        String refreshX = x.get("refresh_token").asText();

        String emailY = uniqueEmail();
        newUser(before, emailY);
        JsonNode y = login(before, emailY, PASSWORD);
        String accessY = y.get("access_token").asText();
        String refreshY = y.get("refresh_token").asText();
        assertThat(before.logout(accessY).status()).isEqualTo(204);

        RotorClient.Response jwksBefore = before.get("/.well-known/jwks.json", null);
        assertThat(jwksBefore.status()).isEqualTo(200);
        List<String> kidsBefore = kids(jwksBefore.body());
        String signingKid = jwtPart(accessX, 0).get("kid").asText();
        assertThat(kidsBefore).contains(signingKid);

        server.restart();
        RotorClient after = server.client();

        // X's session survived
        RotorClient.Response meX = after.me(accessX);
        assertThat(meX.status()).as(meX.body()).isEqualTo(200);
        assertThat(meX.text("user_id")).isEqualTo(userX);
        assertThat(meX.text("session_id")).isEqualTo(x.get("session_id").asText());
        RotorClient.Response refreshedX = after.refresh(refreshX);
        assertThat(refreshedX.status()).as(refreshedX.body()).isEqualTo(200);
        assertThat(refreshedX.text("session_id")).isEqualTo(x.get("session_id").asText());
        assertThat(after.me(refreshedX.text("access_token")).status()).isEqualTo(200);

        // Y's logout survived
        assertInvalidToken(after.me(accessY));
        assertProblem(after.refresh(refreshY), 401, "invalid_grant");

        // the signing key survived: same kid published, old token still verifies against the new JWKS
        RotorClient.Response jwksAfter = after.get("/.well-known/jwks.json", null);
        assertThat(jwksAfter.status()).isEqualTo(200);
        assertThat(kids(jwksAfter.body())).containsExactlyInAnyOrderElementsOf(kidsBefore);
        JWK key = JWKSet.parse(jwksAfter.body()).getKeyByKeyId(signingKid);
        assertThat(key).isNotNull();
        assertThat(JWSObject.parse(accessX).verify(new ECDSAVerifier(key.toECKey().toECPublicKey()))).isTrue();
        assertThat(jwtPart(refreshedX.text("access_token"), 0).get("kid").asText()).isEqualTo(signingKid);

        // the bootstrap admin was not created again
        String admin = after.adminToken();
        assertThat(admin).isNotBlank();
        RotorClient.Response duplicateAdmin = after.post("/api/v1/admin/users",
                RotorClient.json("email", RotorServer.ADMIN_EMAIL, "password", "another-admin-password",
                        "roles", List.of("admin")), admin);
        assertProblem(duplicateAdmin, 409, "email_taken");
        assertThat(after.adminToken()).isNotBlank();
    }

    private static List<String> kids(String jwks) throws Exception {
        return JWKSet.parse(jwks).getKeys().stream().map(JWK::getKeyID).toList();
    }
}
