package dev.rotor.app.e2e;

import static dev.rotor.app.e2e.E2eSupport.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Rotor's routes are looked up before Actuator's ({@code ApplicationRoutesFirst}): every kind of
 * path still reaches the same handler or the same error as when Actuator's mapping came first.
 */
class RoutingE2ETest {

    private static RotorClient client;

    @BeforeAll
    static void useSharedServer() {
        client = SharedRotorServer.get().client();
    }

    @Test
    void applicationActuatorAndDocumentationPathsAllReachTheirHandlers() {
        String admin = client.adminToken();
        assertThat(client.me(admin).status()).isEqualTo(200);
        assertThat(client.get("/.well-known/jwks.json", null).status()).isEqualTo(200);
        assertThat(client.get("/api/v1/admin/users/no-such-user", admin).status()).isEqualTo(404);
        assertThat(client.get("/actuator/health/liveness", null).text("status")).isEqualTo("UP");
        assertThat(client.get("/actuator", null).body()).contains("\"_links\"");
        assertThat(client.get("/v3/api-docs", null).body()).contains("\"openapi\"");
    }

    @Test
    void unknownPathsAndWrongMethodsAnswerTheirProblems() {
        assertProblem(client.get("/api/v1/no-such-route", null), 404, "not_found");
        assertProblem(client.get("/actuator/no-such-endpoint", null), 404, "not_found");
        assertProblem(client.delete("/.well-known/jwks.json", null), 405, "method_not_allowed");
        assertProblem(client.delete("/actuator/health", null), 405, "method_not_allowed");
    }

    @Test
    void jsonIsTheOnlyFormatInAndOut() {
        byte[] yamlLogin = ("email: " + RotorServer.ADMIN_EMAIL + "\npassword: " + RotorServer.ADMIN_PASSWORD + "\n")
                .getBytes(StandardCharsets.UTF_8);
        assertProblem(client.postRaw("/api/v1/auth/login", "application/yaml", yamlLogin), 415, "unsupported_media_type");
        assertProblem(client.postRaw("/api/v1/auth/login", "application/xml",
                "<login><email>a@b.c</email></login>".getBytes(StandardCharsets.UTF_8)), 415, "unsupported_media_type");
        String admin = client.adminToken();
        assertProblem(client.get("/api/v1/me", admin, "application/yaml"), 406, "not_acceptable");
        assertProblem(client.get("/api/v1/me", admin, "application/xml"), 406, "not_acceptable");
        RotorClient.Response json = client.get("/api/v1/me", admin, "application/json");
        assertThat(json.status()).isEqualTo(200);
        assertThat(json.contentType()).startsWith("application/json");
        assertThat(json.text("email")).isEqualTo(RotorServer.ADMIN_EMAIL);
        assertThat(client.get("/actuator/health/liveness", null, "*/*").text("status")).isEqualTo("UP");
        assertThat(client.get("/actuator/prometheus", null, "text/plain").body()).contains("jvm_memory_used_bytes");
    }
}
