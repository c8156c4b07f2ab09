package dev.rotor.app.e2e;

import static dev.rotor.app.e2e.E2eSupport.PASSWORD;
import static dev.rotor.app.e2e.E2eSupport.assertInvalidToken;
import static dev.rotor.app.e2e.E2eSupport.assertProblem;
import static dev.rotor.app.e2e.E2eSupport.login;
import static dev.rotor.app.e2e.E2eSupport.newUser;
import static dev.rotor.app.e2e.E2eSupport.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Health and metrics over HTTP: the probes, and API.md's counters moving with the traffic that
 * should move them. Metrics are read as Prometheus scrapes them.
 */
class OperationsE2ETest {

    private static RotorServer server;
    private static RotorClient client;

    @BeforeAll
    static void useSharedServer() {
        server = SharedRotorServer.get();
        client = server.client();
    }

    @Test
    void livenessAndReadinessAreUpWithTheDatabaseAndTheEventProcessorsInReadiness() {
        RotorClient.Response health = client.get("/actuator/health", null);
        assertThat(health.status()).as(health.body()).isEqualTo(200);
        assertThat(health.text("status")).isEqualTo("UP");

        RotorClient.Response liveness = client.get("/actuator/health/liveness", null);
        assertThat(liveness.status()).as(liveness.body()).isEqualTo(200);
        assertThat(liveness.text("status")).isEqualTo("UP");

        RotorClient.Response readiness = client.get("/actuator/health/readiness", null);
        assertThat(readiness.status()).as(readiness.body()).isEqualTo(200);
        assertThat(readiness.text("status")).isEqualTo("UP");
        JsonNode components = readiness.json().get("components");
        assertThat(components).as(readiness.body()).isNotNull();
        assertThat(components.get("db").get("status").asText()).isEqualTo("UP");
        assertThat(components.get("eventProcessors").get("status").asText()).isEqualTo("UP");
        assertThat(components.get("readinessState").get("status").asText()).isEqualTo("UP");
    }

    @Test
    void theCountersMoveWithLoginsRefreshesReuseAndRefusedTokens() {
        String email = uniqueEmail();
        newUser(client, email);
        Scrape before = scrape();

        JsonNode session = login(client, email, PASSWORD);
        assertProblem(client.login(email, "not-the-password"), 401, "invalid_credentials");
        String tokenA = session.get("refresh_token").asText();
        RotorClient.Response toB = client.refresh(tokenA);
        assertThat(toB.status()).as(toB.body()).isEqualTo(200);
        RotorClient.Response toC = client.refresh(toB.text("refresh_token"));
        assertThat(toC.status()).as(toC.body()).isEqualTo(200);
        assertThat(client.me(toC.text("access_token")).status()).isEqualTo(200);
        // A is two rotations old: reuse, whatever the leeway
        assertProblem(client.refresh(tokenA), 401, "invalid_grant");
        assertInvalidToken(client.me("not-a-token"));
        assertInvalidToken(client.get("/api/v1/me", null));

        Scrape after = scrape();
        assertThat(after.value("rotor_logins_total", "outcome", "success"))
                .isGreaterThan(before.value("rotor_logins_total", "outcome", "success"));
        assertThat(after.value("rotor_logins_total", "outcome", "invalid_credentials"))
                .isGreaterThan(before.value("rotor_logins_total", "outcome", "invalid_credentials"));
        assertThat(after.value("rotor_refreshes_total", "outcome", "success"))
                .isGreaterThanOrEqualTo(before.value("rotor_refreshes_total", "outcome", "success") + 2);
        assertThat(after.value("rotor_refreshes_total", "outcome", "reuse_detected"))
                .isGreaterThan(before.value("rotor_refreshes_total", "outcome", "reuse_detected"));
        assertThat(after.value("rotor_reuse_detected_total", null, null))
                .isGreaterThan(before.value("rotor_reuse_detected_total", null, null));
        assertThat(after.value("rotor_token_validations_total", "outcome", "valid"))
                .isGreaterThan(before.value("rotor_token_validations_total", "outcome", "valid"));
        assertThat(after.value("rotor_token_validations_total", "outcome", "invalid"))
                .isGreaterThan(before.value("rotor_token_validations_total", "outcome", "invalid"));
        assertThat(after.value("rotor_token_validations_total", "outcome", "missing"))
                .isGreaterThan(before.value("rotor_token_validations_total", "outcome", "missing"));
    }

    @Test
    void theScrapeHasTheJvmAxonAndReadModelLagMetricsAndNoPerRequestHttpTimerByDefault() {
        client.get("/.well-known/jwks.json", null);
        Scrape scrape = scrape();
        assertThat(scrape.body()).contains("jvm_memory_used_bytes");
        assertThat(scrape.body()).as("HTTP server metrics are opt-in").doesNotContain("http_server_requests");
        assertThat(scrape.body()).as("Axon's event processor metrics")
                .contains("eventProcessor_latency{", "eventProcessor_successCounter_total{");
        assertThat(scrape.body().lines().filter(line -> line.startsWith("eventProcessor_")))
                .as("Axon's timers without client-side percentiles").noneMatch(line -> line.contains("quantile="));

        JsonNode projections = client.get("/api/v1/admin/projections", client.adminToken()).json();
        assertThat(projections.size()).isPositive();
        for (JsonNode projection : projections) {
            String name = projection.get("name").asText();
            assertThat(scrape.value("rotor_read_model_lag", "name", name)).as(name).isNotNaN().isGreaterThanOrEqualTo(0);
        }
    }

    @Test
    void managementServerPortMovesHealthAndMetricsOffTheMainPortAndHttpServerMetricsCanBeTurnedOn()
            throws InterruptedException {
        try (RotorServer separate = RotorServer.start(Map.of("management.server.port", "0",
                "rotor.metrics.http-server-requests", "true"))) {
            int managementPort = Integer.parseInt(
                    separate.context().getEnvironment().getRequiredProperty("local.management.port"));
            assertThat(managementPort).isNotEqualTo(separate.port());
            RotorClient management = new RotorClient("http://localhost:" + managementPort);

            RotorClient.Response metrics = management.get("/actuator/prometheus", null);
            assertThat(metrics.status()).isEqualTo(200);
            assertThat(metrics.body()).contains("rotor_logins_total");
            assertThat(management.get("/actuator/health/readiness", null).status()).isEqualTo(200);

            RotorClient main = separate.client();
            assertThat(main.get("/actuator/prometheus", null).status()).isEqualTo(404);
            assertThat(main.get("/actuator/health", null).status()).isEqualTo(404);
            assertThat(main.get("/.well-known/jwks.json", null).status()).isEqualTo(200);

            // The timer stops when the request's filter chain returns, which can be just after the
            // client has read the whole response: give it a moment rather than race it.
            String jwksTimer = "uri=\"/.well-known/jwks.json\"";
            String scrape = management.get("/actuator/prometheus", null).body();
            for (long deadline = System.nanoTime() + 5_000_000_000L;
                    !scrape.contains(jwksTimer) && System.nanoTime() < deadline; ) {
                Thread.sleep(20);
                scrape = management.get("/actuator/prometheus", null).body();
            }
            assertThat(scrape).as("turned on, the HTTP timer counts")
                    .contains("http_server_requests_seconds_count{", jwksTimer);
        }
    }

    private static Scrape scrape() {
        RotorClient.Response response = client.get("/actuator/prometheus", null);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return new Scrape(response.body());
    }

    /** One Prometheus text exposition. */
    private record Scrape(String body) {

        /** The sample of {@code name} (with that label, if given), 0 when absent (a counter not yet counted). */
        double value(String name, String label, String labelValue) {
            Pattern sample = Pattern.compile("^" + Pattern.quote(name) + "(\\{[^}]*})? (\\S+)$", Pattern.MULTILINE);
            Matcher matcher = sample.matcher(body);
            while (matcher.find()) {
                String labels = matcher.group(1) == null ? "" : matcher.group(1);
                if (label == null || labels.contains(label + "=\"" + labelValue + "\"")) {
                    return Double.parseDouble(matcher.group(2));
                }
            }
            return label == null ? 0 : "rotor_read_model_lag".equals(name) ? Double.NaN : 0;
        }
    }
}
