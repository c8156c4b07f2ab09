package dev.rotor.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotor.app.e2e.RotorClient.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Five failed logins lock an email out (429 with Retry-After), and an email nobody registered
 * behaves exactly the same, so the lockout does not reveal which emails have accounts.
 */
class LockoutE2ETest {

    @Test
    void knownAndUnknownEmailsLockOutAlike() {
        RotorClient client = SharedRotorServer.get().client();
        String known = "lock-" + UUID.randomUUID() + "@example.com";
        client.createUser(client.adminToken(), known, "the-right-password", List.of("user"));
        String unknown = "nobody-" + UUID.randomUUID() + "@example.com";

        for (String email : List.of(known, unknown)) {
            for (int attempt = 1; attempt <= 5; attempt++) {
                Response failed = client.login(email, "a-wrong-password");
                assertThat(failed.status()).as("%s attempt %d", email, attempt).isEqualTo(401);
                assertThat(failed.text("code")).isEqualTo("invalid_credentials");
            }
            Response locked = client.login(email, "a-wrong-password");
            assertThat(locked.status()).as("%s after five failures", email).isEqualTo(429);
            assertThat(locked.text("code")).isEqualTo("too_many_attempts");
            assertThat(Long.parseLong(locked.header("Retry-After"))).isBetween(1L, 900L);
        }

        assertThat(client.login(known, "the-right-password").status())
                .as("even the right password waits out the lockout").isEqualTo(429);
    }

    @Test
    void tenConcurrentWrongLoginsGiveTheSameAnswersForKnownAndUnknownEmails() throws Exception {
        RotorClient client = SharedRotorServer.get().client();
        String known = "race-" + UUID.randomUUID() + "@example.com";
        client.createUser(client.adminToken(), known, "the-right-password", List.of("user"));
        String unknown = "race-nobody-" + UUID.randomUUID() + "@example.com";
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            for (String email : List.of(known, unknown)) {
                List<Future<Response>> attempts = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    attempts.add(pool.submit(() -> client.login(email, "a-wrong-password")));
                }
                List<Integer> statuses = new ArrayList<>();
                for (Future<Response> attempt : attempts) {
                    statuses.add(attempt.get().status());
                }
                assertThat(statuses).as(email).containsExactlyInAnyOrder(401, 401, 401, 401, 401, 429, 429, 429, 429,
                        429);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anAdminUnlocksAndTheDirectoryShowsTheLock() {
        RotorClient client = SharedRotorServer.get().client();
        String admin = client.adminToken();
        String email = "unlock-" + UUID.randomUUID() + "@example.com";
        String userId = client.createUser(admin, email, "the-right-password", List.of("user"));
        for (int attempt = 1; attempt <= 5; attempt++) {
            client.login(email, "a-wrong-password");
        }
        assertThat(client.login(email, "the-right-password").status()).isEqualTo(429);
        Response user = client.get("/api/v1/admin/users/" + userId, admin);
        assertThat(user.text("locked_until")).as(user.body()).isNotNull();
        assertThat(user.json().has("mfa_enabled")).isTrue();

        assertThat(client.post("/api/v1/admin/users/" + userId + "/unlock", null, admin).status()).isEqualTo(204);
        assertThat(client.get("/api/v1/admin/users/" + userId, admin).json().get("locked_until").isNull()).isTrue();
        assertThat(client.login(email, "the-right-password").status()).isEqualTo(200);
        E2eSupport.assertProblem(client.post("/api/v1/admin/users/not-a-uuid/unlock", null, admin), 404, "not_found");
        E2eSupport.assertProblem(client.get("/api/v1/admin/users/not-a-uuid/sessions", admin), 404, "not_found");
        E2eSupport.assertProblem(client.get("/api/v1/admin/users/" + UUID.randomUUID() + "/sessions", admin), 404,
                "not_found");
        E2eSupport.assertProblem(client.post("/api/v1/admin/users/" + UUID.randomUUID() + "/unlock", null, admin), 404,
                "not_found");
    }
}
