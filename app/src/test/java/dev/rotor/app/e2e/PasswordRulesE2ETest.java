package dev.rotor.app.e2e;

import static dev.rotor.app.e2e.E2eSupport.PASSWORD;
import static dev.rotor.app.e2e.E2eSupport.assertProblem;
import static dev.rotor.app.e2e.E2eSupport.login;
import static dev.rotor.app.e2e.E2eSupport.newUser;
import static dev.rotor.app.e2e.E2eSupport.uniqueEmail;
import static dev.rotor.app.e2e.RotorClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rotor.app.e2e.RotorClient.Response;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The password rules over HTTP: a common password is a {@code 400 invalid_request} naming the
 * field it came in, and the length is judged by the domain (code points of the NFKC form), not
 * cut short by the request layer counting UTF-16 chars.
 */
class PasswordRulesE2ETest {

    private static RotorClient client;
    private static String admin;

    @BeforeAll
    static void useSharedServer() {
        client = SharedRotorServer.get().client();
        admin = client.adminToken();
    }

    private static Response createUser(String email, String password) {
        return client.post("/api/v1/admin/users", json("email", email, "password", password, "roles", List.of("user")),
                admin);
    }

    @Test
    void aCommonPasswordIsRefusedWithTheFieldItCameIn() {
        Response created = createUser(uniqueEmail(), "Password1234");
        assertProblem(created, 400, "invalid_request");
        assertThat(created.text("field")).isEqualTo("password");
        assertThat(created.text("detail")).contains("is one of the most common passwords");

        String email = uniqueEmail();
        newUser(client, email);
        String access = login(client, email, PASSWORD).get("access_token").asText();
        Response changed = client.post("/api/v1/me/password",
                json("current_password", PASSWORD, "new_password", "QWERTY123456"), access);
        assertProblem(changed, 400, "invalid_request");
        assertThat(changed.text("field")).isEqualTo("new_password");
        assertThat(changed.text("detail")).contains("is one of the most common passwords");
        assertThat(client.me(access).status()).as("a refused change rotates nothing").isEqualTo(200);
    }

    @Test
    void lengthIsJudgedInCodePointsOfTheNfkcFormNotInCharsSent() {
        String fourLigatures = "\uFB03".repeat(4); // four chars sent, twelve letters after NFKC
        String email = uniqueEmail();
        assertThat(createUser(email, fourLigatures).status()).isEqualTo(201);
        login(client, email, "ffiffiffiffi");

        String emoji = "\uD83D\uDD11".repeat(1000); // 1,000 code points, 2,000 chars
        String other = uniqueEmail();
        assertThat(createUser(other, emoji).status()).isEqualTo(201);
        login(client, other, emoji);
    }
}
