package dev.rotor.app.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rotor.app.e2e.OutsideVerifier;
import dev.rotor.app.e2e.RotorClient;
import dev.rotor.app.e2e.RotorClient.Response;
import dev.rotor.app.e2e.RotorServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Signing-key rotation without an outage on two nodes sharing one PostgreSQL: while both nodes
 * serve logins, refreshes and token checks, the key is rotated twice (once on each node). Right
 * after a rotation answers, the other node signs with the new key; no valid token is ever refused
 * by either node; and a resource server that knows only the JWKS (cached, refetched on an unknown
 * {@code kid}) verifies every token issued during the test.
 */
class SigningKeyRotationOnPostgresE2ETest {

    private static final String PASSWORD = "postgres-password-9";
    private static final int WORKERS = 4;

    private static EmbeddedPostgres postgres;
    private static RotorServer nodeA;
    private static RotorServer nodeB;

    @BeforeAll
    static void startPostgresAndTwoNodes() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        try (Connection c = postgres.getPostgresDatabase().getConnection()) {
            c.createStatement().execute("CREATE DATABASE rotor");
        }
        Map<String, Object> db = new HashMap<>(Map.of(
                "spring.datasource.url", postgres.getJdbcUrl("postgres", "rotor"),
                "spring.datasource.username", "postgres",
                "spring.datasource.password", "postgres"));
        nodeA = RotorServer.start(db);
        db.put(RotorServer.MASTER_KEY_FILE, nodeA.masterKeyFile());
        nodeB = RotorServer.start(db);
    }

    @AfterAll
    static void stopAll() throws Exception {
        if (nodeB != null) {
            nodeB.close();
        }
        if (nodeA != null) {
            nodeA.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void rotationsUnderTrafficOnTwoNodesRefuseNoValidTokenAndEveryTokenVerifiesAgainstTheJwks() throws Exception {
        RotorClient a = nodeA.client();
        RotorClient b = nodeB.client();
        List<RotorClient> nodes = List.of(a, b);
        String admin = a.adminToken();
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < WORKERS; i++) {
            String email = "pg-keys-" + i + "-" + UUID.randomUUID() + "@example.com";
            a.createUser(admin, email, PASSWORD, List.of("user"));
            emails.add(email);
        }
        String firstKid = kidOf(b.login(emails.get(0), PASSWORD).text("access_token"));
        assertThat(kidOf(a.login(emails.get(1), PASSWORD).text("access_token"))).isEqualTo(firstKid);
        assertThat(a.get("/api/v1/admin/keys", admin).json()).as("B's start adopted nothing more").hasSize(1);

        List<String> issued = new CopyOnWriteArrayList<>();
        ConcurrentLinkedQueue<String> refusals = new ConcurrentLinkedQueue<>();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            String email = emails.get(w);
            int worker = w;
            workers.add(pool.submit(() -> traffic(nodes, worker, email, issued, refusals, stop)));
        }
        try {
            awaitMoreTokens(issued, 10);
            Response first = a.post("/api/v1/admin/keys/rotate", RotorClient.json("reason", "drill on A"), admin);
            assertThat(first.status()).as(first.body()).isEqualTo(200);
            assertThat(first.text("previous_kid")).isEqualTo(firstKid);
            String secondKid = first.text("kid");
            String onB = b.login(emails.get(0), PASSWORD).text("access_token");
            assertThat(kidOf(onB)).as("the other node signs with the new key right after the answer")
                    .isEqualTo(secondKid);
            issued.add(onB);

            awaitMoreTokens(issued, 10);
            Response second = b.post("/api/v1/admin/keys/rotate", RotorClient.json("reason", "drill on B"), admin);
            assertThat(second.status()).as(second.body()).isEqualTo(200);
            assertThat(second.text("previous_kid")).isEqualTo(secondKid);
            String thirdKid = second.text("kid");
            String onA = a.login(emails.get(1), PASSWORD).text("access_token");
            assertThat(kidOf(onA)).isEqualTo(thirdKid);
            issued.add(onA);

            awaitMoreTokens(issued, 10);
        } finally {
            stop.set(true);
            pool.shutdown();
            assertThat(pool.awaitTermination(120, TimeUnit.SECONDS)).isTrue();
        }
        for (Future<?> worker : workers) {
            worker.get();
        }

        assertThat(refusals).as("valid tokens refused, or failed calls").isEmpty();
        Set<String> kids = new LinkedHashSet<>();
        issued.forEach(token -> kids.add(kidOf(token)));
        assertThat(kids).as("tokens of all three keys were issued").hasSize(3).contains(firstKid);

        // Every token of the test is still valid on both nodes, and an outside verifier accepts each.
        OutsideVerifier outside = new OutsideVerifier(b);
        List<String> notVerified = new ArrayList<>();
        for (String token : issued) {
            String problem = outside.problemWith(token);
            if (problem != null) {
                notVerified.add(problem);
            }
            for (RotorClient node : nodes) {
                assertThat(node.me(token).status()).isEqualTo(200);
            }
        }
        assertThat(notVerified).as("tokens the JWKS-only verifier refused").isEmpty();
        assertThat(outside.fetches()).as("JWKS fetched only for kids it had not seen").isLessThanOrEqualTo(3);

        Response listed = a.get("/api/v1/admin/keys", admin);
        Map<String, String> statuses = new HashMap<>();
        listed.json().forEach(key -> statuses.put(key.get("kid").asText(), key.get("status").asText()));
        assertThat(statuses).containsEntry(thirdKid(listed), "active").hasSize(3);
        assertThat(statuses.values()).containsExactlyInAnyOrder("active", "retiring", "retiring");
    }

    /**
     * One worker's bounded loop: log in on one node, check the token on both, refresh it on the other
     * node a few times (checking each new token on both), and check some earlier token of any worker
     * on a random node. Any refusal of a token that is valid is recorded.
     */
    private static void traffic(List<RotorClient> nodes, int worker, String email, List<String> issued,
                                ConcurrentLinkedQueue<String> refusals, AtomicBoolean stop) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int round = 0; round < 200 && !stop.get(); round++) {
            RotorClient loginNode = nodes.get((worker + round) % 2);
            Response login = loginNode.login(email, PASSWORD);
            if (login.status() != 200) {
                refusals.add("login " + login.status() + " " + login.body());
                continue;
            }
            String access = login.text("access_token");
            String refresh = login.text("refresh_token");
            issued.add(access);
            check(nodes, access, refusals);
            for (int i = 0; i < 3 && !stop.get(); i++) {
                Response refreshed = nodes.get((worker + round + i + 1) % 2).refresh(refresh);
                if (refreshed.status() != 200) {
                    refusals.add("refresh " + refreshed.status() + " " + refreshed.body());
                    break;
                }
                refresh = refreshed.text("refresh_token");
                issued.add(refreshed.text("access_token"));
                check(nodes, refreshed.text("access_token"), refusals);
                String earlier = issued.get(random.nextInt(issued.size()));
                Response me = nodes.get(random.nextInt(2)).me(earlier);
                if (me.status() != 200) {
                    refusals.add("earlier token of kid " + kidOf(earlier) + ": " + me.status() + " " + me.body());
                }
            }
        }
    }

    private static void check(List<RotorClient> nodes, String access, ConcurrentLinkedQueue<String> refusals) {
        for (RotorClient node : nodes) {
            Response me = node.me(access);
            if (me.status() != 200) {
                refusals.add("token of kid " + kidOf(access) + ": " + me.status() + " " + me.body());
            }
        }
    }

    private static void awaitMoreTokens(List<String> issued, int more) throws InterruptedException {
        int target = issued.size() + more;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (issued.size() < target) {
            assertThat(System.nanoTime()).as("traffic keeps flowing").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static String thirdKid(Response listed) {
        for (JsonNode key : listed.json()) {
            if (key.get("status").asText().equals("active")) {
                return key.get("kid").asText();
            }
        }
        throw new AssertionError("no active key: " + listed.body());
    }

    static String kidOf(String jwt) {
        try {
            String header = new String(Base64.getUrlDecoder().decode(jwt.substring(0, jwt.indexOf('.'))),
                    StandardCharsets.UTF_8);
            return RotorClient.JSON.readTree(header).get("kid").asText();
        } catch (Exception e) {
            throw new AssertionError("not a JWT: " + jwt, e);
        }
    }
}
