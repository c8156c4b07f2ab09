package dev.rotor.app.bench;

import dev.rotor.app.e2e.RotorClient;
import dev.rotor.command.account.Argon2idPasswordHasher;
import dev.rotor.command.account.PasswordHasher;
import dev.rotor.command.account.PasswordHashingProperties;
import dev.rotor.app.e2e.RotorClient.Response;
import dev.rotor.app.e2e.RotorServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Throughput of the hot paths over real HTTP against a real server on a fresh H2 file. Prints
 * figures; asserts only that the requests succeeded. Not part of {@code ./mvnw verify}; run with
 * {@code ./mvnw -B -pl app -am test -Dgroups=benchmark -Drotor.excluded.test.groups=none -Dsurefire.failIfNoSpecifiedTests=false -Dtest=RotorBenchmark}.
 * The load generator shares the machine's cores with the server.
 */
@Tag("benchmark")
class RotorBenchmark {

    private static final int THREADS = Integer.getInteger("bench.threads", 8);
    private static final int SECONDS = Integer.getInteger("bench.seconds", 10);
    private static final int WARM_UP_SECONDS = Integer.getInteger("bench.warmup", 5);

    @Test
    void hotPaths() throws Exception {
        try (RotorServer server = RotorServer.start(Map.of("logging.level.root", "warn"))) {
            RotorClient client = server.client();
            String admin = client.adminToken();
            List<String> emails = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                String email = "bench-" + i + "-" + UUID.randomUUID() + "@example.com";
                client.createUser(admin, email, "benchmark-password", List.of("user"));
                emails.add(email);
            }
            System.out.printf("%nRotor benchmark: %d client threads, %d s per phase, %d cores%n", THREADS, SECONDS,
                    Runtime.getRuntime().availableProcessors());

            argon2Baseline();

            run("password logins (Argon2id m=19456 t=2 p=1)", i -> () ->
                    client.login(emails.get(i), "benchmark-password").status() == 200);

            String[] refresh = new String[THREADS];
            for (int i = 0; i < THREADS; i++) {
                refresh[i] = client.login(emails.get(i), "benchmark-password").text("refresh_token");
            }
            run("refreshes (one session per thread, rotating)", i -> () -> {
                Response r = client.refresh(refresh[i]);
                refresh[i] = r.text("refresh_token");
                return r.status() == 200;
            });

            String[] access = new String[THREADS];
            for (int i = 0; i < THREADS; i++) {
                access[i] = client.login(emails.get(i), "benchmark-password").text("access_token");
            }
            run("validations GET /api/v1/me (same token: signature cached)", i -> () ->
                    client.me(access[i]).status() == 200);

            historyGrowth(client, emails.get(0));
        }
    }

    /** The floor under login throughput: Argon2id verifications alone, on as many threads as cores. */
    private static void argon2Baseline() throws Exception {
        PasswordHasher hasher = new Argon2idPasswordHasher(new PasswordHashingProperties(19456, 2, 1, 0, 0, Duration.ofSeconds(1), 0, Duration.ofSeconds(30)));
        String hash = hasher.hash("benchmark-password");
        int threads = Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger done = new AtomicInteger();
        long deadline = System.nanoTime() + 5_000_000_000L;
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                while (System.nanoTime() < deadline) {
                    hasher.verify(hash, "benchmark-password");
                    done.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        System.out.printf("%-62s %9.0f /s%n", "Argon2id verify alone, no HTTP (" + threads + " threads)",
                done.get() / ((System.nanoTime() - start) / 1e9));
    }

    /** Refresh latency of one session as its event history grows: snapshots and the cache keep it flat. */
    private static void historyGrowth(RotorClient client, String email) {
        String token = client.login(email, "benchmark-password").text("refresh_token");
        int done = 0;
        System.out.println("refresh latency by session history (events in the session):");
        for (int checkpoint : new int[] {10, 100, 1000, 3000}) {
            while (done < checkpoint) {
                Response r = client.refresh(token);
                token = r.text("refresh_token");
                done++;
            }
            long[] nanos = new long[200];
            for (int i = 0; i < nanos.length; i++) {
                long start = System.nanoTime();
                Response r = client.refresh(token);
                nanos[i] = System.nanoTime() - start;
                token = r.text("refresh_token");
                done++;
            }
            Arrays.sort(nanos);
            System.out.printf("  after %5d refreshes: median %.2f ms, p99 %.2f ms%n", checkpoint,
                    nanos[nanos.length / 2] / 1e6, nanos[(int) (nanos.length * 0.99)] / 1e6);
        }
    }

    private static void run(String name, IntFunction<Callable<Boolean>> work) throws Exception {
        measure(name, work, WARM_UP_SECONDS, false);
        measure(name, work, SECONDS, true);
    }

    private static void measure(String name, IntFunction<Callable<Boolean>> work, int phaseSeconds, boolean print)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        long deadline = System.nanoTime() + phaseSeconds * 1_000_000_000L;
        List<Future<?>> futures = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < THREADS; t++) {
            Callable<Boolean> task = work.apply(t);
            futures.add(pool.submit(() -> {
                while (System.nanoTime() < deadline) {
                    if (task.call()) {
                        ok.incrementAndGet();
                    } else {
                        failed.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        if (print) {
            System.out.printf("%-62s %9.0f /s  (%d ok, %d failed)%n", name, ok.get() / seconds, ok.get(),
                    failed.get());
        }
        if (failed.get() > 0) {
            throw new AssertionError(name + ": " + failed.get() + " requests failed");
        }
    }
}
