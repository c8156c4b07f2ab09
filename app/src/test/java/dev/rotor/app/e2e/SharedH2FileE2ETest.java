package dev.rotor.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotor.app.e2e.RotorClient.Response;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two servers on one H2 file opened with {@code AUTO_SERVER} (spelled as H2 also accepts it):
 * neither is the only writer, so neither may answer from memory, and what one revokes the other
 * refuses at once: on token checks and on a refresh within the leeway alike.
 */
class SharedH2FileE2ETest {

    private static RotorServer nodeA;
    private static RotorServer nodeB;

    @TempDir
    static Path dir;

    @BeforeAll
    static void startTwoServersOnOneFile() {
        Map<String, Object> shared = Map.of(
                "spring.datasource.url", "jdbc:h2:file:" + dir.resolve("rotor").toAbsolutePath() + ";AUTO_SERVER=yes",
                RotorServer.MASTER_KEY_FILE, dir.resolve("master.key").toAbsolutePath());
        nodeA = RotorServer.start(shared);
        nodeB = RotorServer.start(shared);
    }

    @AfterAll
    static void stop() {
        if (nodeB != null) {
            nodeB.close();
        }
        if (nodeA != null) {
            nodeA.close();
        }
    }

    @Test
    void whatOneRevokesTheOtherRefuses() {
        RotorClient a = nodeA.client();
        RotorClient b = nodeB.client();
        String email = "h2-shared-" + UUID.randomUUID() + "@example.com";
        a.createUser(a.adminToken(), email, "shared-h2-password", List.of("user"));
        Response login = a.login(email, "shared-h2-password");
        String access = login.text("access_token");
        String first = login.text("refresh_token");
        assertThat(a.me(access).status()).as("A has seen the session").isEqualTo(200);
        assertThat(a.refresh(first).status()).isEqualTo(200);

        assertThat(b.logout(access).status()).isEqualTo(204);
        assertThat(a.me(access).status()).as("revoked on B, refused on A").isEqualTo(401);
        assertThat(a.refresh(first).status()).as("the parent within the leeway, after B's logout").isEqualTo(401);
    }
}
