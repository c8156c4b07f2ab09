package dev.rotor.app.e2e;

import static dev.rotor.app.e2e.E2eSupport.PASSWORD;
import static dev.rotor.app.e2e.E2eSupport.assertInvalidToken;
import static dev.rotor.app.e2e.E2eSupport.login;
import static dev.rotor.app.e2e.E2eSupport.newUser;
import static dev.rotor.app.e2e.E2eSupport.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code ROTOR_H2_COMMIT_THROUGH=true}, an embedded H2 server loses nothing it acknowledged
 * when its process dies: the server, its own process on an H2 file, is killed by SIGKILL straight
 * after its last answers, and restarted on the same file. H2 on its own keeps the last half-second
 * of commits in memory only (its write delay); the steps here are lost to that without the setting
 * (checked: the rotation was gone). Several clients rotating at once before the kill check the
 * commits that share one write.
 */
class CrashOnEmbeddedH2E2ETest {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    @Test
    @Timeout(300)
    void whatWasAcknowledgedSurvivesSigkill() throws Exception {
        String jdbcUrl = "jdbc:h2:file:" + dir.resolve("rotor").toAbsolutePath();
        try (RotorNodeProcess node = new RotorNodeProcess("h2-node", dir, jdbcUrl, "sa", "",
                dir.resolve("master.key"), List.of("--rotor.h2.commit-through=true"))) {
            node.start(START_TIMEOUT);
            RotorClient before = node.client();
            String email = uniqueEmail();
            newUser(before, email);
            // Concurrent rotations, whose commits share the file's writes (group commit): each chain's
            // last acknowledged token must be the current one after the crash.
            List<String> chains = concurrentChains(before, email, 6, Duration.ofSeconds(2));
            JsonNode kept = login(before, email, PASSWORD);
            JsonNode revoked = login(before, email, PASSWORD);
            RotorClient.Response rotated = before.refresh(kept.get("refresh_token").asText());
            assertThat(rotated.status()).isEqualTo(200);
            String currentRefresh = rotated.text("refresh_token");
            String currentAccess = rotated.text("access_token");
            assertThat(before.logout(revoked.get("access_token").asText()).status()).isEqualTo(204);

            node.kill();
            node.start(START_TIMEOUT);
            RotorClient after = node.client();

            // The logout stands: neither of the revoked session's tokens works.
            assertInvalidToken(after.me(revoked.get("access_token").asText()));
            assertThat(after.refresh(revoked.get("refresh_token").asText()).status()).isEqualTo(401);
            // The rotation stands, with the key that signed its access token: the client holding the
            // new tokens is still logged in, and the rotated-out token is not current again.
            assertThat(after.me(currentAccess).status()).isEqualTo(200);
            RotorClient.Response next = after.refresh(currentRefresh);
            assertThat(next.status()).as(next.body()).isEqualTo(200);
            assertThat(next.text("session_id")).isEqualTo(kept.get("session_id").asText());
            for (String last : chains) {
                RotorClient.Response again = after.refresh(last);
                assertThat(again.status()).as("a chain's last acknowledged rotation: " + again.body()).isEqualTo(200);
            }
        }
    }

    /**
     * {@code count} sessions, each rotated by its own thread as fast as answers come for {@code
     * length}; every thread has its last answer before this returns. The last refresh token of each.
     */
    private static List<String> concurrentChains(RotorClient client, String email, int count, Duration length)
            throws Exception {
        List<String> firsts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            firsts.add(login(client, email, PASSWORD).get("refresh_token").asText());
        }
        long end = System.nanoTime() + length.toNanos();
        ExecutorService threads = Executors.newFixedThreadPool(count);
        try {
            List<Future<String>> lasts = new ArrayList<>();
            for (String first : firsts) {
                lasts.add(threads.submit(() -> {
                    String current = first;
                    int rotations = 0;
                    while (rotations < 3 || System.nanoTime() < end) {
                        RotorClient.Response rotated = client.refresh(current);
                        assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
                        current = rotated.text("refresh_token");
                        rotations++;
                    }
                    return current;
                }));
            }
            List<String> result = new ArrayList<>();
            for (Future<String> last : lasts) {
                result.add(last.get());
            }
            return result;
        } finally {
            threads.shutdownNow();
        }
    }
}
