package dev.rotor.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rotor.app.e2e.RotorClient.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Rebuilds every read model over HTTP while clients keep checking tokens, refreshing and logging
 * in, on one node or two sharing a database: a live token stays valid, a revoked one stays refused,
 * a refresh chain keeps turning, and a logout made during a rebuild is refused at once and still
 * after the switch. Any other answer is recorded as a wrong answer.
 */
public final class RebuildUnderTraffic {

    /** Paced rebuilds (small batches, a pause between them) so that each one spans the traffic. */
    public static final Map<String, Object> PACED_REBUILDS = Map.of(
            "rotor.read-models.batch-size", "10",
            "rotor.read-models.batch-pause", "40ms");

    private static final String PASSWORD = "rebuild-traffic-password";
    private static final long TRAFFIC_PAUSE_MS = 40;

    private final RotorClient writer;
    private final RotorClient reader;
    private final ConcurrentLinkedQueue<String> wrongAnswers = new ConcurrentLinkedQueue<>();
    private final AtomicInteger answers = new AtomicInteger();

    /** {@code writer} gets the rebuild requests and logouts; {@code reader} serves the token checks. */
    public RebuildUnderTraffic(RotorClient writer, RotorClient reader) {
        this.writer = writer;
        this.reader = reader;
    }

    public void run() throws Exception {
        String admin = writer.adminToken();
        String email = "rebuild-" + UUID.randomUUID() + "@example.com";
        writer.createUser(admin, email, PASSWORD, List.of("user"));
        JsonNode live = login(email);
        JsonNode revoked = login(email);
        assertThat(writer.logout(revoked.get("access_token").asText()).status()).isEqualTo(204);
        // History for the rebuilds to replay: a long refresh chain.
        String[] chain = {login(email).get("refresh_token").asText()};
        for (int i = 0; i < 150; i++) {
            chain[0] = refresh(writer, chain[0]);
        }

        AtomicBoolean stop = new AtomicBoolean();
        CompletableFuture<Void> traffic = CompletableFuture.runAsync(() -> {
            while (!stop.get()) {
                expect("live token", reader.me(live.get("access_token").asText()), 200);
                expect("revoked token", reader.me(revoked.get("access_token").asText()), 401);
                expect("revoked refresh", reader.refresh(revoked.get("refresh_token").asText()), 401);
                Response refreshed = reader.refresh(chain[0]);
                if (expect("refresh chain", refreshed, 200)) {
                    chain[0] = refreshed.text("refresh_token");
                    expect("fresh access token", reader.me(refreshed.text("access_token")), 200);
                }
                // Paced like the rebuilds: each rebuild replays at most 250 events a second (10 a
                // batch, 40 ms apart) up to the head it saw at its start, and every rebuild starts
                // on the history the traffic wrote during the ones before. Unpaced, a fast server
                // grows that history faster than a paced rebuild replays it, and the last read
                // models never finish in time.
                sleepQuietly(TRAFFIC_PAUSE_MS);
            }
        });
        try {
            List<String> names = new ArrayList<>();
            writer.get("/api/v1/admin/projections", admin).json().forEach(p -> names.add(p.get("name").asText()));
            assertThat(names).contains("sessions", "token-floors", "user-directory", "email-lookup",
                    "refresh-token-lookup", "token-floor-ledger");
            for (String name : names) {
                rebuildWithALogoutDuringIt(admin, name, email);
            }
        } finally {
            stop.set(true);
            traffic.get();
        }
        assertThat(wrongAnswers).as("wrong answers during the rebuilds").isEmpty();
        assertThat(answers.get()).as("the traffic really ran").isGreaterThan(50);
        // The chain still turns, and the live token is still valid, after all the switches.
        assertThat(reader.me(live.get("access_token").asText()).status()).isEqualTo(200);
        refresh(reader, chain[0]);
    }

    private void rebuildWithALogoutDuringIt(String admin, String name, String email) throws Exception {
        JsonNode victim = login(email);
        long generation = generationOf(admin, name);
        Response started = writer.post("/api/v1/admin/projections/" + name + "/rebuild", null, admin);
        assertThat(started.status()).as("rebuild of %s: %s", name, started.body()).isEqualTo(202);
        E2eSupport.assertProblem(writer.post("/api/v1/admin/projections/" + name + "/rebuild", null, admin), 409,
                "rebuild_in_progress");
        JsonNode during = projection(admin, name);
        assertThat(during.get("replaying").asBoolean()).as("%s replays: %s", name, during).isTrue();

        assertThat(writer.logout(victim.get("access_token").asText()).status()).isEqualTo(204);
        expect("logout during the rebuild of " + name, reader.me(victim.get("access_token").asText()), 401);

        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        JsonNode after = projection(admin, name);
        while (after.get("replaying").asBoolean() && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
            after = projection(admin, name);
        }
        assertThat(after.get("status").asText()).as("%s after its rebuild: %s", name, after).isEqualTo("live");
        assertThat(after.get("active_generation").asLong()).isEqualTo(generation + 1);
        assertThat(after.get("lag").asLong()).isZero();
        expect("logout during the rebuild of " + name + ", after the switch",
                reader.me(victim.get("access_token").asText()), 401);
        expect("refresh of the logged-out session after rebuilding " + name,
                reader.refresh(victim.get("refresh_token").asText()), 401);
        // Logins and registrations keep working with the new generation.
        assertThat(writer.login(email, PASSWORD).status()).isEqualTo(200);
    }

    private long generationOf(String admin, String name) {
        return projection(admin, name).get("active_generation").asLong();
    }

    private JsonNode projection(String admin, String name) {
        for (JsonNode p : writer.get("/api/v1/admin/projections", admin).json()) {
            if (p.get("name").asText().equals(name)) {
                return p;
            }
        }
        throw new AssertionError("no projection " + name);
    }

    private JsonNode login(String email) {
        Response login = writer.login(email, PASSWORD);
        assertThat(login.status()).as("login: %s", login.body()).isEqualTo(200);
        return login.json();
    }

    private static String refresh(RotorClient client, String token) {
        Response refreshed = client.refresh(token);
        assertThat(refreshed.status()).as("refresh: %s", refreshed.body()).isEqualTo(200);
        return refreshed.text("refresh_token");
    }

    private boolean expect(String what, Response response, int status) {
        answers.incrementAndGet();
        if (response.status() != status) {
            wrongAnswers.add(what + ": expected " + status + ", got " + response.status() + " " + response.body());
            return false;
        }
        return true;
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
