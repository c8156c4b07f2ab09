package dev.rotor.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotor.app.e2e.RotorClient;
import dev.rotor.app.e2e.RotorServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.apache.tomcat.util.threads.ThreadPoolExecutor;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/**
 * Token validation while password logins flood in (API.md, "Operations: Overload"): {@code FLOOD}
 * clients post logins for random emails as fast as they are answered, never waiting, while one
 * client measures {@code GET /api/v1/me}, first idle and then during the flood. Prints latencies,
 * the flood's answers and the busiest the Tomcat worker pool got; asserts only that every probe
 * answered 200. Not part of {@code ./mvnw verify}; run with
 * {@code ./mvnw -o -B -pl app -am test -Dgroups=benchmark -Drotor.excluded.test.groups=none
 * -Dsurefire.failIfNoSpecifiedTests=false -Dtest=LoginFloodBenchmark}; {@code -Dbench.flood=600},
 * {@code -Dbench.honour-retry-after=true} (clients wait out a 503's Retry-After) and
 * {@code -Dbench.server=key=value,...} (server settings) vary it. The flood runs in the same JVM, on
 * the same cores, as the server.
 */
@Tag("benchmark")
class LoginFloodBenchmark {

    private static final int FLOOD = Integer.getInteger("bench.flood", 300);
    private static final int SECONDS = Integer.getInteger("bench.seconds", 20);
    private static final int PROBE_PAUSE_MS = Integer.getInteger("bench.probe-pause-ms", 10);
    /** Whether flooding clients wait out a 503's Retry-After (a login storm) or not (a hostile flood). */
    private static final boolean HONOUR_RETRY_AFTER = Boolean.getBoolean("bench.honour-retry-after");
    /** Server settings for the run, e.g. {@code -Dbench.server=server.tomcat.threads.max=50,rotor.password.max-wait=2s}. */
    private static final String SERVER_SETTINGS = System.getProperty("bench.server", "");
    private static final String PASSWORD = "flood-benchmark-password";

    @Test
    void tokenValidationDuringALoginFlood() throws Exception {
        Map<String, Object> settings = new HashMap<>(Map.of("logging.level.root", "warn"));
        for (String setting : SERVER_SETTINGS.split(",")) {
            if (setting.contains("=")) {
                settings.put(setting.substring(0, setting.indexOf('=')).strip(),
                        setting.substring(setting.indexOf('=') + 1).strip());
            }
        }
        try (RotorServer server = RotorServer.start(settings)) {
            RotorClient client = server.client();
            String email = "flood-" + UUID.randomUUID() + "@example.com";
            client.createUser(client.adminToken(), email, PASSWORD, List.of("user"));
            String access = client.login(email, PASSWORD).text("access_token");
            HttpClient probeClient = http();
            HttpRequest me = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/v1/me"))
                    .header("Authorization", "Bearer " + access).timeout(Duration.ofSeconds(60)).GET().build();

            probe(probeClient, me, 1000, Duration.ofSeconds(30)); // warm-up
            long[] idle = probe(probeClient, me, 1000, Duration.ofSeconds(30));

            ThreadPoolExecutor tomcat = tomcatWorkers(server);
            Flood flood = new Flood(server.baseUrl());
            AtomicBoolean sampling = new AtomicBoolean(true);
            AtomicInteger busiest = new AtomicInteger();
            Thread sampler = new Thread(() -> {
                while (sampling.get()) {
                    busiest.accumulateAndGet(tomcat.getActiveCount(), Math::max);
                    sleep(5);
                }
            });
            flood.start();
            sampler.start();
            long[] flooded;
            String answers;
            double floodSeconds;
            try {
                sleep(3000); // let the flood fill every queue before measuring
                flood.resetCounts();
                long start = System.nanoTime();
                flooded = probe(probeClient, me, Integer.MAX_VALUE, Duration.ofSeconds(SECONDS));
                floodSeconds = (System.nanoTime() - start) / 1e9;
                answers = flood.statuses() + String.format(", %.0f/s", flood.total() / floodSeconds);
            } finally {
                flood.stop();
                sampling.set(false);
                sampler.join();
            }

            System.out.printf("%nLogin flood benchmark: %d flooding clients (random emails, %s), %d cores, %.0f s"
                            + " measured%s%n", FLOOD, HONOUR_RETRY_AFTER ? "waiting out Retry-After" : "never waiting",
                    Runtime.getRuntime().availableProcessors(), floodSeconds,
                    SERVER_SETTINGS.isBlank() ? "" : ", server " + SERVER_SETTINGS);
            print("GET /api/v1/me idle", idle);
            print("GET /api/v1/me during the flood", flooded);
            System.out.printf("flood answers by status: %s; Tomcat workers busy at most %d of %d%n", answers,
                    busiest.get(), tomcat.getMaximumPoolSize());
        }
    }

    /** Sequential {@code GET /me} probes with a short pause between them; answers the latencies in nanoseconds. */
    private static long[] probe(HttpClient http, HttpRequest me, int count, Duration budget) throws Exception {
        List<Long> nanos = new ArrayList<>();
        long deadline = System.nanoTime() + budget.toNanos();
        while (nanos.size() < count && System.nanoTime() < deadline) {
            long start = System.nanoTime();
            HttpResponse<String> response = http.send(me, HttpResponse.BodyHandlers.ofString());
            nanos.add(System.nanoTime() - start);
            assertThat(response.statusCode()).as("GET /me: %s", response.body()).isEqualTo(200);
            sleep(PROBE_PAUSE_MS);
        }
        return nanos.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    private static void print(String name, long[] sorted) {
        System.out.printf("%-34s %6d requests: p50 %8.2f ms, p99 %8.2f ms, max %8.2f ms%n", name, sorted.length,
                percentile(sorted, 0.50), percentile(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
    }

    private static double percentile(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))] / 1e6;
    }

    private static ThreadPoolExecutor tomcatWorkers(RotorServer server) {
        TomcatWebServer web = (TomcatWebServer) ((WebServerApplicationContext) server.context()).getWebServer();
        return (ThreadPoolExecutor) web.getTomcat().getConnector().getProtocolHandler().getExecutor();
    }

    private static HttpClient http() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** FLOOD threads, each posting logins for random emails back to back until stopped. */
    private static final class Flood {

        private final String baseUrl;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Map<String, LongAdder> statuses = new ConcurrentHashMap<>();
        private final ExecutorService threads = Executors.newFixedThreadPool(FLOOD);
        private final List<Future<?>> futures = new ArrayList<>();

        Flood(String baseUrl) {
            this.baseUrl = baseUrl;
        }

        void start() {
            // Several clients, so that one client's selector thread does not cap the flood.
            HttpClient[] clients = new HttpClient[Math.max(1, FLOOD / 25)];
            Arrays.setAll(clients, i -> http());
            for (int i = 0; i < FLOOD; i++) {
                HttpClient http = clients[i % clients.length];
                futures.add(threads.submit(() -> {
                    while (running.get()) {
                        String body = RotorClient.json("email", "nobody-" + UUID.randomUUID() + "@example.com",
                                "password", "not-the-password-" + UUID.randomUUID());
                        HttpRequest login = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/auth/login"))
                                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                        String outcome;
                        long retryAfter = 0;
                        try {
                            HttpResponse<Void> response = http.send(login, HttpResponse.BodyHandlers.discarding());
                            outcome = Integer.toString(response.statusCode());
                            retryAfter = response.headers().firstValueAsLong("Retry-After").orElse(0);
                        } catch (IOException e) {
                            outcome = e.getClass().getSimpleName();
                        }
                        statuses.computeIfAbsent(outcome, k -> new LongAdder()).increment();
                        if (HONOUR_RETRY_AFTER && outcome.equals("503")) {
                            sleep(Math.min(retryAfter, 5) * 1000);
                        }
                    }
                    return null;
                }));
            }
        }

        void resetCounts() {
            statuses.clear();
        }

        void stop() throws Exception {
            running.set(false);
            for (Future<?> f : futures) {
                f.get(90, TimeUnit.SECONDS);
            }
            threads.shutdown();
        }

        long total() {
            return statuses.values().stream().mapToLong(LongAdder::sum).sum();
        }

        String statuses() {
            return new TreeMap<>(statuses).toString();
        }
    }
}
