package dev.rotor.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotor.app.e2e.RotorClient.Response;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadPoolExecutor;
import org.junit.jupiter.api.Test;

/**
 * A long-lived session is loaded from its snapshot after a restart (the aggregate cache is empty
 * then), and the restored session still knows its current token, its parent and its leeway.
 */
class SnapshotRestartE2ETest {

    @Test
    void sessionRestoredFromSnapshotKeepsRotatingAndStillDetectsReuse() throws Exception {
        try (RotorServer server = RotorServer.start()) {
            RotorClient client = server.client();
            String email = "snap-" + UUID.randomUUID() + "@example.com";
            client.createUser(client.adminToken(), email, "snapshot-password", List.of("user"));
            Response login = client.login(email, "snapshot-password");
            String sessionId = login.text("session_id");
            String first = login.text("refresh_token");
            String token = first;
            for (int i = 0; i < 120; i++) {
                Response refreshed = client.refresh(token);
                assertThat(refreshed.status()).isEqualTo(200);
                token = refreshed.text("refresh_token");
            }
            ThreadPoolExecutor snapshotter = server.context().getBean("snapshotExecutor", ThreadPoolExecutor.class);
            assertThat(snapshotter.getCompletedTaskCount() + snapshotter.getActiveCount())
                    .as("snapshots are made on the snapshotter's thread, not the refresh's").isPositive();
            server.stop();
            assertThat(snapshotsOf(server, sessionId)).as("snapshots were taken").isPositive();
            server.restart();

            RotorClient after = server.client();
            Response refreshed = after.refresh(token);
            assertThat(refreshed.status()).isEqualTo(200);
            assertThat(refreshed.text("session_id")).isEqualTo(sessionId);
            assertThat(after.me(refreshed.text("access_token")).status()).isEqualTo(200);

            assertThat(after.refresh(first).status()).as("the first token is long rotated out").isEqualTo(401);
            assertThat(after.refresh(refreshed.text("refresh_token")).status())
                    .as("reuse revoked the whole family").isEqualTo(401);
        }
    }

    private static int snapshotsOf(RotorServer server, String sessionId) throws Exception {
        String url = "jdbc:h2:file:" + server.dataDir().resolve("rotor").toAbsolutePath();
        try (Connection c = DriverManager.getConnection(url, "sa", "");
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT COUNT(*) FROM snapshot_event_entry WHERE aggregate_identifier = '" + sessionId + "'")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
