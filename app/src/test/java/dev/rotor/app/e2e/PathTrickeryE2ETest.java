package dev.rotor.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotor.app.e2e.RotorClient.Response;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Protected endpoints stay protected under every spelling of their path that still routes to
 * them: path parameters, percent-encoding. Without a token: 401; with a non-admin token on an
 * admin path: 403.
 */
class PathTrickeryE2ETest {

    private static final String SOME_ID = "00000000-0000-4000-8000-000000000000";

    @ParameterizedTest
    @ValueSource(strings = {
            "/api/v1/me;x=1",
            "/api/v1/me;/sessions",
            "/api/v1/%6De",
            "/api/v1/admin;x=1/users/" + SOME_ID + "/sessions",
            "/api/v1/%61dmin/users/" + SOME_ID + "/sessions"})
    void withoutATokenEverySpellingIsUnauthorized(String path) {
        Response response = SharedRotorServer.get().client().get(path, null);
        assertThat(response.status()).as(path).isEqualTo(401);
        assertThat(response.text("code")).isEqualTo("invalid_token");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/api/v1/admin;x=1/users/" + SOME_ID + "/sessions",
            "/api/v1/%61dmin/users/" + SOME_ID + "/sessions",
            "/api/v1/admin;/users/" + SOME_ID})
    void aUserTokenOnAnyAdminSpellingIsForbidden(String path) {
        RotorClient client = SharedRotorServer.get().client();
        String email = "path-" + UUID.randomUUID() + "@example.com";
        client.createUser(client.adminToken(), email, "path-trick-password", List.of("user"));
        String token = client.login(email, "path-trick-password").text("access_token");

        Response response = client.get(path, token);
        assertThat(response.status()).as(path).isEqualTo(403);
        assertThat(response.text("code")).isEqualTo("forbidden");
    }
}
