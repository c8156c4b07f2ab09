package dev.rotor.app.bench;

import dev.rotor.app.e2e.RotorClient;
import dev.rotor.app.e2e.RotorClient.Response;
import dev.rotor.app.e2e.RotorServer;
import dev.rotor.app.readmodel.ReadModelRebuilder;
import dev.rotor.kernel.account.LoginSucceededEvent;
import dev.rotor.kernel.account.UserRegisteredEvent;
import dev.rotor.kernel.session.RefreshTokenRotatedEvent;
import dev.rotor.kernel.session.SessionIssuedEvent;
import dev.rotor.kernel.session.SessionRevokedEvent;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * How cost grows with history (issue 6): refresh latency of one session as its history grows,
 * audit of one user's trail as the store grows, the rebuild rate of the validation read model
 * against the raw event-store read rate, and NDJSON audit streaming in bounded memory. Prints
 * figures, asserts only that the answers were right. Run (see README):
 * {@code ./mvnw -B -pl app -am test -Dgroups=benchmark -Drotor.excluded.test.groups=none
 * -Dsurefire.failIfNoSpecifiedTests=false -Dtest=HistoryBenchmark -DargLine=-Xmx256m}
 */
@Tag("benchmark")
class HistoryBenchmark {

    private static final int USERS = Integer.getInteger("bench.users", 1000);
    private static final int EVENTS_PER_USER = 100;
    private static final int STREAM_EVENTS = Integer.getInteger("bench.ndjson.events", 1_000_000);
    private static final String PASSWORD = "history-benchmark-password";
    /** Which parts to run (all by default): refresh, audit, rebuild (needs audit's store), ndjson. */
    private static final String PARTS = System.getProperty("bench.parts", "refresh,audit,rebuild,ndjson");

    @Test
    void costAgainstHistory() throws Exception {
        try (RotorServer server = RotorServer.start(Map.of("logging.level.root", "warn"))) {
            RotorClient client = server.client();
            String admin = client.adminToken();
            System.out.printf("%nRotor history benchmark: %d cores, heap max %d MB%n",
                    Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);

            if (PARTS.contains("refresh")) {
                refreshLatencyByHistory(client, admin);
            }

            Seeder seeder = new Seeder(server);
            List<String> firstUsers = seeder.users(USERS / 10);
            long small = head(server);
            double smallAudit = auditMillis(client, admin, firstUsers.get(1));
            seeder.users(USERS - USERS / 10);
            long large = head(server);
            double largeAudit = auditMillis(client, admin, firstUsers.get(1));
            System.out.printf("audit of one user's trail (%d events), median of 50:%n", EVENTS_PER_USER);
            System.out.printf("  store of %,8d events: %.2f ms%n", small, smallAudit);
            System.out.printf("  store of %,8d events: %.2f ms%n", large, largeAudit);

            if (PARTS.contains("rebuild")) {
                rebuildAgainstRawRead(server, large);
            }
            if (PARTS.contains("ndjson")) {
                ndjsonInBoundedMemory(server, client, admin, seeder);
            }
        }
    }

    private static void refreshLatencyByHistory(RotorClient client, String admin) {
        String email = "history-" + UUID.randomUUID() + "@example.com";
        client.createUser(admin, email, PASSWORD, List.of("user"));
        String token = client.login(email, PASSWORD).text("refresh_token");
        int done = 1;
        System.out.println("refresh latency of one session by its history (events before), 200 refreshes each:");
        for (int checkpoint : new int[] {10, 1_000, 10_000}) {
            while (done < checkpoint) {
                token = refresh(client, token);
                done++;
            }
            long[] nanos = new long[200];
            for (int i = 0; i < nanos.length; i++) {
                long start = System.nanoTime();
                token = refresh(client, token);
                nanos[i] = System.nanoTime() - start;
                done++;
            }
            Arrays.sort(nanos);
            System.out.printf("  %,6d events: p50 %.2f ms, p99 %.2f ms%n", checkpoint, nanos[nanos.length / 2] / 1e6,
                    nanos[(int) (nanos.length * 0.99)] / 1e6);
        }
    }

    private static String refresh(RotorClient client, String token) {
        Response r = client.refresh(token);
        if (r.status() != 200) {
            throw new AssertionError("refresh failed: " + r.body());
        }
        return r.text("refresh_token");
    }

    private static double auditMillis(RotorClient client, String admin, String userId) {
        long[] nanos = new long[50];
        for (int i = 0; i < nanos.length; i++) {
            long start = System.nanoTime();
            Response trail = client.get("/api/v1/admin/audit?limit=1000&user_id=" + userId, admin);
            nanos[i] = System.nanoTime() - start;
            if (trail.status() != 200 || trail.json().size() != EVENTS_PER_USER) {
                throw new AssertionError("audit trail of " + userId + ": " + trail.status() + " "
                        + (trail.status() == 200 ? trail.json().size() + " entries" : trail.body()));
            }
        }
        Arrays.sort(nanos);
        return nanos[nanos.length / 2] / 1e6;
    }

    private static void rebuildAgainstRawRead(RotorServer server, long events) {
        EventStorageEngine storage = server.context().getBean(EventStorageEngine.class);
        TransactionManager transactions = server.context().getBean(TransactionManager.class);
        ReadModelRebuilder rebuilder = server.context().getBean(ReadModelRebuilder.class);
        for (int pass = 1; pass <= 2; pass++) {
            long start = System.nanoTime();
            long read = transactions.fetchInTransaction(() -> {
                // Read and deserialize every event, handle none: what any consumer of the store pays.
                try (Stream<? extends TrackedEventMessage<?>> stream = storage.readEvents(null, false)) {
                    return stream.filter(event -> event.getPayload() != null).count();
                }
            });
            double rawSeconds = (System.nanoTime() - start) / 1e9;
            start = System.nanoTime();
            rebuilder.rebuildNow("sessions");
            double rebuildSeconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("pass %d over %,d events: raw event-store read (deserialized) %,.0f events/s; rebuild of"
                    + " the validation read model (sessions) %,.0f events/s (%.0f %% of the raw read)%n", pass, read,
                    read / rawSeconds, events / rebuildSeconds, 100 * rawSeconds / rebuildSeconds);
        }
    }

    private static void ndjsonInBoundedMemory(RotorServer server, RotorClient client, String admin, Seeder seeder)
            throws Exception {
        long have = head(server);
        if (have < STREAM_EVENTS) {
            seeder.rawEvents(STREAM_EVENTS - have);
        }
        long total = head(server);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        AtomicLong peak = new AtomicLong();
        AtomicBoolean sampling = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (sampling.get()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        System.gc();
        long before = memory.getHeapMemoryUsage().getUsed();
        sampler.start();
        long start = System.nanoTime();
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(server.baseUrl() + "/api/v1/admin/audit")).timeout(Duration.ofMinutes(30))
                .header("Authorization", "Bearer " + admin).header("Accept", "application/x-ndjson").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        long lines = 0;
        long bytes = 0;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines++;
                bytes += line.length() + 1;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        sampling.set(false);
        sampler.join();
        if (response.statusCode() != 200 || lines != total) {
            throw new AssertionError("NDJSON: status " + response.statusCode() + ", " + lines + " lines of " + total);
        }
        System.out.printf("NDJSON audit of the whole store: %,d events (%,d MB) in %.1f s (%,.0f events/s); heap used"
                        + " %d MB before, peak %d MB, max %d MB%n", lines, bytes >> 20, seconds, lines / seconds,
                before >> 20, peak.get() >> 20, Runtime.getRuntime().maxMemory() >> 20);
    }

    private static long head(RotorServer server) {
        return server.context().getBean(EventStorageEngine.class).createHeadToken().position().orElse(0);
    }

    /** Appends synthetic but well-formed histories, straight through the event store (no HTTP, no hashing). */
    private static final class Seeder {

        private final EventStore store;
        private final EventStorageEngine storage;
        private final TransactionManager transactions;
        private long hashes;

        Seeder(RotorServer server) {
            this.store = server.context().getBean(EventStore.class);
            this.storage = server.context().getBean(EventStorageEngine.class);
            this.transactions = server.context().getBean(TransactionManager.class);
        }

        /** Users with {@value #EVENTS_PER_USER} events each, published so every read model applies them. */
        List<String> users(int count) {
            List<String> ids = new ArrayList<>();
            for (int u = 0; u < count; u++) {
                String userId = UUID.randomUUID().toString();
                ids.add(userId);
                publish(history(userId));
            }
            return ids;
        }

        /** Events appended to the store only (read models untouched): bulk for the streaming figure. */
        void rawEvents(long count) {
            long left = count;
            while (left > 0) {
                List<EventMessage<?>> batch = new ArrayList<>();
                while (batch.size() < 5_000 && left > 0) {
                    List<EventMessage<?>> user = history(UUID.randomUUID().toString());
                    int take = (int) Math.min(user.size(), left);
                    batch.addAll(user.subList(0, take));
                    left -= take;
                }
                transactions.executeInTransaction(() -> storage.appendEvents(batch));
            }
        }

        private void publish(List<EventMessage<?>> events) {
            DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
            unitOfWork.attachTransaction(transactions);
            unitOfWork.execute(() -> store.publish(events));
        }

        private List<EventMessage<?>> history(String userId) {
            String sessionId = UUID.randomUUID().toString();
            String email = "seed-" + userId + "@example.com";
            Instant t = Instant.now();
            List<EventMessage<?>> events = new ArrayList<>();
            events.add(domain("UserAccount", userId, 0, new UserRegisteredEvent(userId, email,
                    "$argon2id$v=19$m=19456,t=2,p=1$c2VlZA$c2VlZA", List.of("user"), "system")));
            events.add(domain("UserAccount", userId, 1, new LoginSucceededEvent(userId, "127.0.0.1", "bench")));
            String hash = nextHash();
            events.add(domain("Session", sessionId, 0, new SessionIssuedEvent(sessionId, userId, email,
                    List.of("user"), List.of("pwd"), 1, 1, hash, "bench", "127.0.0.1", t, t.plus(Duration.ofDays(30)),
                    t.plus(Duration.ofDays(90)))));
            for (int i = 1; i <= EVENTS_PER_USER - 4; i++) {
                String next = nextHash();
                events.add(domain("Session", sessionId, i, new RefreshTokenRotatedEvent(sessionId, userId, hash, next, t,
                        t.plus(Duration.ofDays(30)), "127.0.0.1", "bench")));
                hash = next;
            }
            events.add(domain("Session", sessionId, EVENTS_PER_USER - 3, new SessionRevokedEvent(sessionId, userId,
                    "logout", userId, t)));
            return events;
        }

        private String nextHash() {
            return String.format("%064x", ++hashes);
        }

        private static EventMessage<?> domain(String type, String id, long sequence, Object payload) {
            return new GenericDomainEventMessage<>(type, id, sequence, payload);
        }
    }

}
