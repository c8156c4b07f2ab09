package dev.rotor.app.e2e;

import static dev.rotor.app.e2e.E2eSupport.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rotor.RotorApplication;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** Read models rebuilt from the event store while the embedded-H2 server keeps serving. */
class RebuildE2ETest {

    private static RotorServer server;

    @BeforeAll
    static void start() {
        server = RotorServer.start(RebuildUnderTraffic.PACED_REBUILDS);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void everyReadModelRebuildsUnderTrafficWithNoWrongAnswer() throws Exception {
        new RebuildUnderTraffic(server.client(), server.client()).run();
    }

    @Test
    void anUnknownReadModelIs404AndTheListIsForAdminsOnly() {
        RotorClient client = server.client();
        String admin = client.adminToken();
        assertProblem(client.post("/api/v1/admin/projections/no-such-model/rebuild", null, admin), 404, "not_found");
        String email = E2eSupport.uniqueEmail();
        E2eSupport.newUser(client, email);
        String user = E2eSupport.login(client, email, E2eSupport.PASSWORD).get("access_token").asText();
        assertProblem(client.get("/api/v1/admin/projections", user), 403, "forbidden");
        JsonNode list = client.get("/api/v1/admin/projections", admin).json();
        assertThat(list.size()).isGreaterThanOrEqualTo(6);
        list.forEach(p -> {
            assertThat(p.get("status").asText()).isIn("live", "rebuilding");
            assertThat(p.get("head").asLong()).isGreaterThan(0);
            assertThat(p.has("position") && p.has("lag") && p.has("replaying")).isTrue();
            if (!p.get("replaying").asBoolean()) {
                assertThat(p.get("building_generation").isNull()).as("no generation in the making: %s", p).isTrue();
                assertThat(p.get("lag").asLong()).isZero();
            }
        });
    }

    @Test
    void theOperatorRebuildsWithoutHttpFromTheCommandLine() {
        RotorClient client = server.client();
        String email = E2eSupport.uniqueEmail();
        E2eSupport.newUser(client, email);
        JsonNode login = E2eSupport.login(client, email, E2eSupport.PASSWORD);
        String access = login.get("access_token").asText();
        assertThat(client.logout(E2eSupport.login(client, email, E2eSupport.PASSWORD).get("access_token").asText())
                .status()).isEqualTo(204);
        server.stop();
        try {
            Map<String, Object> args = new HashMap<>(Map.of(
                    "spring.datasource.url", "jdbc:h2:file:" + server.dataDir().resolve("rotor").toAbsolutePath(),
                    "rotor.token.issuer", RotorServer.ISSUER,
                    RotorServer.MASTER_KEY_FILE, server.masterKeyFile(),
                    "axoniq.update-checker.disabled", "true",
                    "logging.level.root", "warn",
                    "rotor.rebuild", "all"));
            long before;
            long after;
            try (ConfigurableApplicationContext offline = new SpringApplicationBuilder(RotorApplication.class)
                    .web(WebApplicationType.NONE)
                    .run(args.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                            .toArray(String[]::new))) {
                JdbcTemplate jdbc = offline.getBean(JdbcTemplate.class);
                after = jdbc.queryForObject("select min(active_generation) from rotor_read_model", Long.class);
                before = after - 1;
                assertThat(jdbc.queryForObject("select count(*) from rotor_read_model where status <> 'live'",
                        Integer.class)).isZero();
                assertThat(jdbc.queryForObject("select count(*) from rm_session where generation <> ?", Integer.class,
                        jdbc.queryForObject("select active_generation from rotor_read_model where name = 'sessions'",
                                Long.class))).as("the old generation's rows are gone").isZero();
            }
            assertThat(after).isGreaterThan(before);
        } finally {
            server.restart();
        }
        RotorClient again = server.client();
        assertThat(again.me(access).status()).as("a live session survives the offline rebuild").isEqualTo(200);
        assertThat(again.refresh(login.get("refresh_token").asText()).status()).isEqualTo(200);
    }
}
