package dev.rotor.app.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotor.app.e2e.RotorClient;
import dev.rotor.app.e2e.RotorClient.Response;
import dev.rotor.app.e2e.RotorNodeProcess;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two Rotor nodes, each its own process, on one PostgreSQL. Node A dies by SIGKILL while clients
 * refresh against both; a client whose request to A got no answer retries its last acknowledged
 * refresh token on B, and stays logged in whether A had committed that rotation (B answers from
 * the reuse leeway) or not (B rotates). Nothing acknowledged is lost, and A, restarted, serves
 * sessions born while it was down.
 */
class FailoverOnPostgresE2ETest {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(150);
    private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(90);
    private static final int CLIENTS = 8;
    /** Refreshes acknowledged in all before A dies, so that the kill lands in the middle of the load. */
    private static final int ACKNOWLEDGED_BEFORE_KILL = CLIENTS * 15;
    /** Refreshes each client must have acknowledged by B after its failover before the load stops. */
    private static final int ACKNOWLEDGED_AFTER_FAILOVER = 10;
    private static final int MAX_REFRESHES_PER_CLIENT = 5_000;
    private static final String PASSWORD = "failover-password-1";

    @TempDir
    static Path dir;
    private static EmbeddedPostgres postgres;
    private static RotorNodeProcess nodeA;
    private static RotorNodeProcess nodeB;
    private static final Thread KILL_NODES_ON_EXIT = new Thread(FailoverOnPostgresE2ETest::killNodes);

    @BeforeAll
    static void startPostgresAndTwoNodeProcesses() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        try (Connection c = postgres.getPostgresDatabase().getConnection()) {
            c.createStatement().execute("CREATE DATABASE rotor");
        }
        String jdbcUrl = postgres.getJdbcUrl("postgres", "rotor");
        // One database, one master key: A creates the file on its first start, B reads it.
        Path masterKey = dir.resolve("master.key");
        nodeA = new RotorNodeProcess("node-a", dir, jdbcUrl, "postgres", "postgres", masterKey);
        nodeB = new RotorNodeProcess("node-b", dir, jdbcUrl, "postgres", "postgres", masterKey);
        // Should the build stop this JVM early, the nodes must not outlive it.
        Runtime.getRuntime().addShutdownHook(KILL_NODES_ON_EXIT);
        nodeA.start(START_TIMEOUT);
        nodeB.start(START_TIMEOUT);
    }

    @AfterAll
    static void stopAll() throws Exception {
        killNodes();
        Runtime.getRuntime().removeShutdownHook(KILL_NODES_ON_EXIT);
        if (postgres != null) {
            postgres.close();
        }
    }

    private static void killNodes() {
        for (RotorNodeProcess node : new RotorNodeProcess[] {nodeB, nodeA}) {
            try {
                if (node != null) {
                    node.kill();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void clientsRetryingTheirLastAcknowledgedTokenOnTheSurvivorStayLoggedInAndLoseNothing() throws Exception {
        RotorClient a = nodeA.client();
        RotorClient b = nodeB.client();
        String email = "failover-" + UUID.randomUUID() + "@example.com";
        a.createUser(a.adminToken(), email, PASSWORD, List.of("user"));

        Queue<String> problems = new ConcurrentLinkedQueue<>();
        AtomicBoolean stop = new AtomicBoolean();
        List<LoadClient> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            Response login = (i % 2 == 0 ? a : b).login(email, PASSWORD);
            assertThat(login.status()).as("login %d: %s", i, login.body()).isEqualTo(200);
            clients.add(new LoadClient(i, a, b, login, problems, stop));
        }

        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (LoadClient client : clients) {
                running.add(pool.submit(client));
            }
            awaitOrFail("refreshes on both nodes before the kill", problems, () ->
                    clients.stream().mapToInt(c -> c.acknowledged).sum() >= ACKNOWLEDGED_BEFORE_KILL);
            nodeA.kill();
            awaitOrFail("every client failed over to B and refreshes there", problems, () ->
                    clients.stream().allMatch(c -> c.acknowledgedAfterFailover >= ACKNOWLEDGED_AFTER_FAILOVER));
            stop.set(true);
            for (Future<?> client : running) {
                client.get(LOAD_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        } finally {
            stop.set(true);
            pool.shutdownNow();
            assertThat(pool.awaitTermination(LOAD_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        }
        assertThat(problems).as("refused tokens, 5xx, or no answer from B%n%s", nodeB.logTail()).isEmpty();
        long committedByA = countRetriesWhoseRotationACommitted(clients);
        System.out.printf("failover: %d refreshes acknowledged; of the %d retries on B, %d answered from the reuse"
                        + " leeway (A had committed the rotation), %d rotated on B%n",
                clients.stream().mapToInt(c -> c.acknowledged).sum(), CLIENTS, committedByA, CLIENTS - committedByA);

        // Nothing acknowledged is lost: each session's last token pair still works on the survivor.
        for (LoadClient client : clients) {
            Response me = b.me(client.accessToken);
            assertThat(me.status()).as("client %d: /me with its last access token: %s", client.index, me.body())
                    .isEqualTo(200);
            Response refreshed = b.refresh(client.refreshToken);
            assertThat(refreshed.status()).as("client %d: its last refresh token: %s", client.index,
                    refreshed.body()).isEqualTo(200);
            assertThat(refreshed.text("session_id")).isEqualTo(client.sessionId);
        }

        // A session born on B while A was down is served by A once it is back (the very same command).
        Response bornOnB = b.login(email, PASSWORD);
        assertThat(bornOnB.status()).isEqualTo(200);
        nodeA.start(START_TIMEOUT);
        Response me = a.me(bornOnB.text("access_token"));
        assertThat(me.status()).as("restarted A, /me: %s", me.body()).isEqualTo(200);
        assertThat(me.text("session_id")).isEqualTo(bornOnB.text("session_id"));
        Response refreshed = a.refresh(bornOnB.text("refresh_token"));
        assertThat(refreshed.status()).as("restarted A, refresh: %s", refreshed.body()).isEqualTo(200);
        assertThat(refreshed.text("session_id")).isEqualTo(bornOnB.text("session_id"));
    }

    /**
     * How many failover retries were the reuse-leeway case: the rotation a client asked A for is its
     * session's event number (acknowledged before failover + 1); if that event is older than the
     * moment the client saw A fail, A committed it and B answered the retry from the leeway, else B
     * rotated. Which case a run meets is up to the kill's timing, so this is reported, not asserted.
     */
    private static long countRetriesWhoseRotationACommitted(List<LoadClient> clients)
            throws Exception {
        long count = 0;
        try (Connection c = postgres.getDatabase("postgres", "rotor").getConnection();
             PreparedStatement rotation = c.prepareStatement("SELECT time_stamp FROM domain_event_entry "
                     + "WHERE aggregate_identifier = ? AND sequence_number = ?")) {
            for (LoadClient client : clients) {
                rotation.setString(1, client.sessionId);
                rotation.setLong(2, client.acknowledgedBeforeFailover + 1L);
                try (ResultSet rs = rotation.executeQuery()) {
                    if (rs.next() && Instant.parse(rs.getString(1)).isBefore(client.failedAt)) {
                        count++;
                    }
                }
            }
        }
        return count;
    }

    /** Polls for the condition, bounded in time; stops early when a client has reported a problem. */
    private static void awaitOrFail(String what, Queue<String> problems, BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + LOAD_TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(problems).as("while waiting for %s", what).isEmpty();
            assertThat(System.nanoTime()).as("%s within %s", what, LOAD_TIMEOUT).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    /**
     * One client with its own session, refreshing in a loop on A and B in turn. When A gives no
     * answer it retries its last acknowledged refresh token on B and keeps to B from then on, as
     * a load balancer would mark A down. Any answer but 200 is a problem, and so is no answer from B.
     */
    private static final class LoadClient implements Runnable {

        final int index;
        final String sessionId;
        private final RotorClient a;
        private final RotorClient b;
        private final Queue<String> problems;
        private final AtomicBoolean stop;
        volatile String refreshToken;
        volatile String accessToken;
        volatile int acknowledged;
        volatile int acknowledgedAfterFailover;
        volatile int acknowledgedBeforeFailover;
        volatile Instant failedAt;
        private boolean failedOver;

        LoadClient(int index, RotorClient a, RotorClient b, Response login, Queue<String> problems,
                   AtomicBoolean stop) {
            this.index = index;
            this.stop = stop;
            this.a = a;
            this.b = b;
            this.problems = problems;
            this.sessionId = login.text("session_id");
            this.refreshToken = login.text("refresh_token");
            this.accessToken = login.text("access_token");
        }

        @Override
        public void run() {
            for (int i = 0; i < MAX_REFRESHES_PER_CLIENT && !stop.get() && !Thread.currentThread().isInterrupted(); i++) {
                boolean onA = !failedOver && (i + index) % 2 == 0;
                Response answer;
                try {
                    answer = (onA ? a : b).refresh(refreshToken);
                } catch (UncheckedIOException noAnswer) {
                    if (!onA) {
                        problems.add("client " + index + ": no answer from B: " + noAnswer.getCause());
                        return;
                    }
                    failedAt = Instant.now();
                    acknowledgedBeforeFailover = acknowledged;
                    failedOver = true;
                    try {
                        answer = b.refresh(refreshToken);
                    } catch (UncheckedIOException alsoNoAnswer) {
                        problems.add("client " + index + ": no answer from B on retry: " + alsoNoAnswer.getCause());
                        return;
                    }
                    onA = false;
                } catch (RuntimeException e) {
                    if (!stop.get()) {
                        problems.add("client " + index + ": " + e);
                    }
                    return;
                }
                if (answer.status() != 200) {
                    problems.add("client " + index + ": " + (onA ? "A" : "B") + " answered " + answer.status() + " "
                            + answer.body() + (failedOver ? " after failover" : ""));
                    return;
                }
                refreshToken = answer.text("refresh_token");
                accessToken = answer.text("access_token");
                acknowledged++;
                if (failedOver) {
                    acknowledgedAfterFailover++;
                }
            }
        }
    }
}
