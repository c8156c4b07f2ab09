package dev.rotor.app.e2e;

import static dev.rotor.app.e2e.E2eSupport.PASSWORD;
import static dev.rotor.app.e2e.E2eSupport.assertProblem;
import static dev.rotor.app.e2e.E2eSupport.login;
import static dev.rotor.app.e2e.E2eSupport.uniqueEmail;
import static dev.rotor.app.e2e.RotorClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rotor.app.e2e.RotorClient.Response;
import dev.rotor.command.account.PasswordHashingLine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * API.md "Operations: Overload": when the password-hashing line is full, every path that hashes
 * answers {@code 503 server_busy} with {@code Retry-After}, and records nothing: no failed login,
 * no step toward a lockout, no account. On a server of its own with a short line, which the test
 * fills with hashes that wait for it.
 */
class OverloadE2ETest {

    private static final long MAX_WAIT_SECONDS = 7;

    private static RotorServer server;
    private static RotorClient client;

    @BeforeAll
    static void startServerWithAShortLine() {
        server = RotorServer.start(Map.of(
                "rotor.password.max-concurrent-hashes", "1",
                "rotor.password.max-waiting-hashes", "1",
                "rotor.password.max-wait", MAX_WAIT_SECONDS + "s"));
        client = server.client();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void aFullLineAnswers503OnEveryPathThatHashesAndRecordsNothing() throws Exception {
        String admin = client.adminToken();
        String email = uniqueEmail();
        String userId = client.createUser(admin, email, PASSWORD, List.of("user"));
        String userAccess = login(client, email, PASSWORD).get("access_token").asText();
        String unknown = uniqueEmail();
        String newcomer = uniqueEmail();

        List<Response> refused = whileTheLineIsFull(() -> List.of(
                client.login(email, "a-wrong-password"),
                client.login(unknown, "a-wrong-password"),
                // Turned away before its body is read: not even a 400 for a body that is no JSON.
                client.postRaw("/api/v1/auth/login", "application/json",
                        "{not json".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                client.post("/api/v1/me/password",
                        json("current_password", "a-wrong-password", "new_password", "a-brand-new-passphrase"),
                        userAccess),
                client.post("/api/v1/admin/users",
                        json("email", newcomer, "password", PASSWORD, "roles", List.of("user")), admin)));

        for (Response response : refused) {
            assertProblem(response, 503, "server_busy");
            assertThat(response.header("Retry-After")).isEqualTo(Long.toString(MAX_WAIT_SECONDS));
        }

        Response failures = client.get("/api/v1/admin/audit?user_id=" + userId + "&type=LoginFailed", admin);
        assertThat(failures.status()).isEqualTo(200);
        assertThat(failures.json()).as("refused logins and password changes are not failures").isEmpty();
        for (String tried : List.of(email, unknown)) {
            for (int attempt = 1; attempt <= 5; attempt++) {
                assertProblem(client.login(tried, "a-wrong-password"), 401, "invalid_credentials");
            }
            assertProblem(client.login(tried, "a-wrong-password"), 429, "too_many_attempts");
        }
        assertThat(client.post("/api/v1/admin/users",
                json("email", newcomer, "password", PASSWORD, "roles", List.of("user")), admin).status())
                .as("the refused registration left the email free").isEqualTo(201);
    }

    /** Fills the server's hashing line with hashes that wait for a latch, runs {@code requests}, then empties it. */
    private static List<Response> whileTheLineIsFull(Supplier<List<Response>> requests) throws Exception {
        PasswordHashingLine line = server.context().getBean(PasswordHashingLine.class);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService holders = Executors.newFixedThreadPool(line.capacity());
        List<Future<Boolean>> held = new ArrayList<>();
        try {
            for (int i = 0; i < line.capacity(); i++) {
                held.add(holders.submit(() -> line.run(() -> await(release))));
            }
            while (line.admitted() < line.capacity()) {
                Thread.sleep(1);
            }
            return requests.get();
        } finally {
            release.countDown();
            for (Future<Boolean> f : held) {
                f.get(30, TimeUnit.SECONDS);
            }
            holders.shutdown();
        }
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
