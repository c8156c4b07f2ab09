// Rotor's load benchmark: a single-file Java 17 program (run by bench/run.sh, or directly with
// `java bench/Bench.java --jar app/target/rotor.jar`). Needs nothing but the JDK.
//
// For each jar: seeds a fresh embedded database once (admin, bench users, optionally N live
// sessions), then for every path starts the jar on its own fresh copy of that database and drives
// it with closed-loop clients (each client one keep-alive HTTP/1.1 connection, a request as soon
// as the previous answer arrived). Per path it prints the first window of load after the start
// (cold), then runs warm-up windows until two consecutive ones agree within 5 % (or a cap), then a
// measured window: ops/s, p50, p99, server CPU-seconds per 1,000 ops (the server process's own
// utime+stime from /proc/<pid>/stat), and non-2xx answers per status. Also measures Argon2id alone
// (the server's library and cost, nothing else running) and, with --baseline, the same for a
// second jar and the ratios.

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

public class Bench {

    static final String ADMIN_EMAIL = "admin@bench.test";
    static final String ADMIN_PASSWORD = "bench-admin-password";
    static final String USER_PASSWORD = "bench-user-password";
    static final List<String> ALL_PATHS = List.of("login", "refresh", "me", "jwks", "liveness");

    // ---- options ----
    String jar;
    String baseline;
    boolean quick;
    long sessions;
    String heap = "256m";
    int clients = 16;
    int loginClients = 3 * Runtime.getRuntime().availableProcessors();
    List<String> paths = ALL_PATHS;
    int coldSeconds = 60;
    int windowSeconds = 10;
    int maxWarmupSeconds = 180;
    int measureSeconds = 30;
    double stableWithin = 0.05;
    int argon2Seconds = 15;
    Path resultsDir = Path.of("bench/results");
    /** A seeded database kept between runs (seeded there when empty), instead of seeding a fresh one. */
    Path templateDir;
    final Map<String, String> serverEnv = new LinkedHashMap<>();
    final List<String> serverOpts = new ArrayList<>();

    final long clkTck = clockTicks();
    final StringBuilder json = new StringBuilder();
    PrintStream out = System.out;
    PrintStream txt;

    public static void main(String[] args) throws Exception {
        Bench b = new Bench();
        b.parse(args);
        b.run();
    }

    void parse(String[] args) {
        Integer cold = null, window = null, warm = null, measure = null, a2 = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--jar" -> jar = args[++i];
                case "--baseline" -> baseline = args[++i];
                case "--quick" -> quick = true;
                case "--sessions" -> sessions = Long.parseLong(args[++i]);
                case "--heap" -> heap = args[++i];
                case "--clients" -> clients = Integer.parseInt(args[++i]);
                case "--login-clients" -> loginClients = Integer.parseInt(args[++i]);
                case "--paths" -> paths = List.of(args[++i].split(","));
                case "--cold-seconds" -> cold = Integer.parseInt(args[++i]);
                case "--window-seconds" -> window = Integer.parseInt(args[++i]);
                case "--max-warmup-seconds" -> warm = Integer.parseInt(args[++i]);
                case "--measure-seconds" -> measure = Integer.parseInt(args[++i]);
                case "--argon2-seconds" -> a2 = Integer.parseInt(args[++i]);
                case "--results-dir" -> resultsDir = Path.of(args[++i]);
                case "--template-dir" -> templateDir = Path.of(args[++i]);
                case "--server-env" -> {
                    String kv = args[++i];
                    int eq = kv.indexOf('=');
                    if (eq < 1) {
                        throw new IllegalArgumentException("--server-env needs NAME=value");
                    }
                    serverEnv.put(kv.substring(0, eq), kv.substring(eq + 1));
                }
                case "--server-opt" -> serverOpts.add(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + a + "\n" + usage());
            }
        }
        if (jar == null) {
            throw new IllegalArgumentException("--jar is required\n" + usage());
        }
        for (String p : paths) {
            if (!ALL_PATHS.contains(p)) {
                throw new IllegalArgumentException("unknown path " + p + ", known: " + ALL_PATHS);
            }
        }
        if (quick) {
            coldSeconds = 10;
            windowSeconds = 5;
            maxWarmupSeconds = 30;
            measureSeconds = 10;
            argon2Seconds = 5;
        }
        if (cold != null) coldSeconds = cold;
        if (window != null) windowSeconds = window;
        if (warm != null) maxWarmupSeconds = warm;
        if (measure != null) measureSeconds = measure;
        if (a2 != null) argon2Seconds = a2;
    }

    static String usage() {
        return "usage: java bench/Bench.java --jar <jar> [--baseline <jar>] [--quick] [--sessions N] [--heap 256m]\n"
                + "  [--clients 16] [--login-clients 3*cores] [--paths login,refresh,me,jwks,liveness]\n"
                + "  [--cold-seconds 60] [--window-seconds 10] [--max-warmup-seconds 180] [--measure-seconds 30]\n"
                + "  [--argon2-seconds 15] [--results-dir bench/results] [--template-dir <dir>]\n"
                + "  [--server-env NAME=value]... [--server-opt -XX:...]... (for every server of both jars)";
    }

    void run() throws Exception {
        Files.createDirectories(resultsDir);
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path txtFile = resultsDir.resolve(stamp + ".txt");
        Path jsonFile = resultsDir.resolve(stamp + ".json");
        txt = new PrintStream(Files.newOutputStream(txtFile), true, StandardCharsets.UTF_8);
        long started = System.nanoTime();
        say("Rotor benchmark " + stamp + ": " + Runtime.getRuntime().availableProcessors() + " cores, java "
                + System.getProperty("java.version") + ", server heap -Xmx" + heap + ", " + clients
                + " clients (login: " + loginClients + "), live sessions seeded: " + sessions
                + (serverEnv.isEmpty() && serverOpts.isEmpty() ? "" : ", server env " + serverEnv + " options " + serverOpts));
        say("windows: cold " + coldSeconds + " s, warm-up " + windowSeconds + " s windows until two agree within "
                + Math.round(stableWithin * 100) + " % (at most " + maxWarmupSeconds + " s), measured " + measureSeconds + " s");
        json.append("{\"started\":\"").append(stamp).append("\",\"cores\":").append(Runtime.getRuntime().availableProcessors())
                .append(",\"heap\":\"").append(heap).append("\",\"clients\":").append(clients)
                .append(",\"login_clients\":").append(loginClients).append(",\"sessions\":").append(sessions)
                .append(",\"quick\":").append(quick);

        Argon2Result argon2 = argon2Alone(Path.of(jar));
        json.append(",\"argon2_alone\":{\"hashes_per_s\":").append(fmt(argon2.perSecond)).append(",\"threads\":")
                .append(argon2.threads).append(",\"memory_kib\":").append(argon2.memoryKib).append(",\"iterations\":")
                .append(argon2.iterations).append(",\"parallelism\":").append(argon2.parallelism).append("}");

        // With a baseline, each path is measured for both jars back to back (current, then
        // baseline), so that the two figures of a ratio are minutes apart, not a whole jar's run:
        // a shared machine's speed drifts by a third within twenty minutes.
        JarRun currentRun = prepareJar("current", Path.of(jar), templateDir);
        JarRun baseRun = null;
        try {
            if (baseline != null) {
                baseRun = prepareJar("baseline", Path.of(baseline),
                        templateDir == null ? null : templateDir.resolveSibling(templateDir.getFileName() + "-baseline"));
            }
            say("");
            for (String path : paths) {
                currentRun.measure(path);
                if (baseRun != null) {
                    baseRun.measure(path);
                }
            }
        } finally {
            currentRun.close();
            if (baseRun != null) {
                baseRun.close();
            }
        }
        JarResult current = currentRun.result;
        printJar(current, argon2);
        json.append(",\"current\":").append(current.json());
        JarResult base = null;
        if (baseRun != null) {
            base = baseRun.result;
            printJar(base, argon2);
            json.append(",\"baseline\":").append(base.json());
            printRatios(current, base);
        }
        printTargets(current, base, argon2);
        long minutes = (System.nanoTime() - started) / 60_000_000_000L;
        long secs = (System.nanoTime() - started) / 1_000_000_000L % 60;
        say("");
        say("whole run took " + minutes + " min " + secs + " s; results in " + txtFile + " and " + jsonFile);
        json.append(",\"run_seconds\":").append((System.nanoTime() - started) / 1_000_000_000L).append("}\n");
        Files.writeString(jsonFile, json);
        txt.close();
    }

    void say(String line) {
        out.println(line);
        txt.println(line);
    }

    // ==================================================================================== per jar

    /** One jar's template database (seeded once) and its results, path by path. */
    final class JarRun implements Closeable {
        final Path jarPath;
        final Path template;
        final boolean kept;
        final JarResult result;

        JarRun(Path jarPath, Path template, boolean kept, JarResult result) {
            this.jarPath = jarPath;
            this.template = template;
            this.kept = kept;
            this.result = result;
        }

        void measure(String path) throws Exception {
            result.paths.put(path, benchPath(jarPath, template, path, result));
        }

        @Override
        public void close() {
            if (!kept) {
                deleteTree(template);
            }
        }
    }

    JarRun prepareJar(String label, Path jarPath, Path keptTemplate) throws Exception {
        say("");
        say("=== " + label + ": " + jarPath.toAbsolutePath());
        JarResult result = new JarResult(label, jarPath.toString());
        boolean kept = keptTemplate != null;
        Path template = kept ? keptTemplate : Files.createTempDirectory("rotor-bench-template-");
        JarRun run = new JarRun(jarPath, template, kept, result);
        try {
            if (kept && Files.exists(template.resolve("data"))) {
                say("reusing the database seeded in " + template + " (not seeded by this run: its seeding server is not measured)");
            } else {
                Files.createDirectories(template);
                long t0 = System.nanoTime();
                seedTemplate(jarPath, template, result);
                result.seedSeconds = (System.nanoTime() - t0) / 1e9;
                say(String.format(Locale.ROOT, "seeded the template database in %.0f s", result.seedSeconds));
            }
        } catch (Exception | Error e) {
            run.close();
            throw e;
        }
        return run;
    }

    void seedTemplate(Path jarPath, Path dir, JarResult result) throws Exception {
        int users = Math.max(clients, loginClients);
        if (sessions > 0) {
            // Argon2 is the cost of a login by design, so 100,000 logins at the real cost would take
            // most of an hour. The sessions are therefore made by the same jar on the same database
            // with the cheapest Argon2 the server accepts, for users that exist only to hold them;
            // the measured servers run with the default cost (hashes carry their own parameters, so
            // the bench users below get default-cost hashes).
            Map<String, String> cheap = Map.of("ROTOR_ARGON2_MEMORY_KIB", "1024", "ROTOR_ARGON2_ITERATIONS", "1");
            try (Server s = Server.start(this, jarPath, dir, cheap)) {
                String admin = adminToken(s);
                int holders = (int) Math.max(1, Math.min(1000, sessions / 1000));
                for (int i = 0; i < holders; i++) {
                    createUser(s, admin, "holder" + i + "@bench.test");
                }
                long t0 = System.nanoTime();
                AtomicLong next = new AtomicLong();
                AtomicLong made = new AtomicLong();
                AtomicLong failed = new AtomicLong();
                AtomicLong busy = new AtomicLong();
                List<Thread> threads = new ArrayList<>();
                for (int c = 0; c < clients; c++) {
                    Thread t = new Thread(() -> {
                        try (Conn conn = new Conn(s.port)) {
                            long n;
                            while ((n = next.getAndIncrement()) < sessions) {
                                // the same session again until it is made: 503 is the hashing line's
                                // back-pressure, anything else counts toward giving up
                                while (true) {
                                    Resp r = conn.call("POST", "/api/v1/auth/login", null,
                                            loginBody("holder" + (n % holders) + "@bench.test"), true);
                                    if (r.status == 200) {
                                        made.incrementAndGet();
                                        break;
                                    }
                                    if (r.status == 503) {
                                        busy.incrementAndGet();
                                        continue;
                                    }
                                    if (failed.incrementAndGet() > 1000) {
                                        throw new IllegalStateException("too many failed seeding logins, last " + r.status);
                                    }
                                    if (r.status == 429) {
                                        sleep(50);
                                    }
                                }
                            }
                        } catch (Exception e) {
                            throw new RuntimeException(e);
                        }
                    });
                    t.start();
                    threads.add(t);
                }
                long lastReport = System.nanoTime();
                while (threads.stream().anyMatch(Thread::isAlive)) {
                    Thread.sleep(200);
                    if (System.nanoTime() - lastReport > 30_000_000_000L) {
                        lastReport = System.nanoTime();
                        out.printf(Locale.ROOT, "  seeding sessions: %d of %d (%.0f/s)%n", made.get(), sessions,
                                made.get() / ((System.nanoTime() - t0) / 1e9));
                    }
                }
                if (made.get() < sessions) {
                    throw new IllegalStateException("seeded only " + made.get() + " sessions, see " + s.log);
                }
                say(String.format(Locale.ROOT, "  %d live sessions for %d holder users in %.0f s (cheap Argon2 server), "
                        + "%d answered 503 server_busy and %d failed otherwise, all retried", made.get(), holders,
                        (System.nanoTime() - t0) / 1e9, busy.get(), failed.get()));
                result.noteRss(s.maxRss());
            }
        }
        try (Server s = Server.start(this, jarPath, dir, Map.of())) {
            String admin = adminToken(s);
            for (int i = 0; i < users; i++) {
                createUser(s, admin, "b" + i + "@bench.test");
            }
            result.noteRss(s.maxRss());
        }
    }

    String adminToken(Server s) throws IOException {
        try (Conn c = new Conn(s.port)) {
            return field(login(c, ADMIN_EMAIL, ADMIN_PASSWORD), "access_token");
        }
    }

    void createUser(Server s, String admin, String email) throws IOException {
        try (Conn c = new Conn(s.port)) {
            Resp r = c.call("POST", "/api/v1/admin/users", admin,
                    "{\"email\":\"" + email + "\",\"password\":\"" + USER_PASSWORD + "\",\"roles\":[\"user\"]}", true);
            if (r.status != 201 && r.status != 409) {
                throw new IllegalStateException("creating " + email + ": " + r.status + " " + r.body);
            }
        }
    }

    static String loginBody(String email) {
        return "{\"email\":\"" + email + "\",\"password\":\"" + USER_PASSWORD + "\"}";
    }

    /** A login outside the measurement (preparing a client): retried while the server is busy. */
    static String login(Conn c, String email, String password) throws IOException {
        for (int attempt = 0; attempt < 200; attempt++) {
            Resp r = c.call("POST", "/api/v1/auth/login", null,
                    "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}", true);
            if (r.status == 200) {
                return r.body;
            }
            if (r.status != 503 && r.status != 429) {
                throw new IllegalStateException("login of " + email + ": " + r.status + " " + r.body);
            }
            sleep(100);
        }
        throw new IllegalStateException("login of " + email + " stayed refused");
    }

    // =================================================================================== per path

    PathResult benchPath(Path jarPath, Path template, String path, JarResult jr) throws Exception {
        PathResult pr = new PathResult(path);
        if (path.equals("login")) {
            // The machine's speed drifts by 10-30 % within a run (a shared VM), so the hashing limit
            // a login is compared with is measured just before its server starts and just after it stops.
            pr.argon2Before = argon2Alone(jarPath);
        }
        Path dir = Files.createTempDirectory("rotor-bench-run-");
        copyTree(template, dir);
        try (Server s = Server.start(this, jarPath, dir, Map.of())) {
            pr.startSeconds = s.startSeconds;
            int n = path.equals("login") ? loginClients : clients;
            pr.clients = n;
            try (Load load = new Load(path, s.port, n)) {
                load.begin();
                long cpu0 = s.cpuTicks();
                Window cold = load.window(coldSeconds);
                long cpu1 = s.cpuTicks();
                pr.cold = cold;
                pr.coldCpuPer1000 = perThousand(cpu1 - cpu0, cold.ops);
                List<Double> warm = new ArrayList<>();
                // Only warm-up windows are compared: the cold minute's mean spans the JIT's whole
                // climb, so a first window that happened to match it said nothing about being warm.
                double prev = Double.NaN;
                long warmed = 0;
                boolean stable = false;
                while (warmed < maxWarmupSeconds) {
                    Window w = load.window(windowSeconds);
                    warmed += windowSeconds;
                    warm.add(w.perSecond());
                    double cur = w.perSecond();
                    if (Math.abs(cur - prev) <= stableWithin * Math.max(cur, prev)) {
                        stable = true;
                        break;
                    }
                    prev = cur;
                }
                pr.warmupSeconds = warmed;
                pr.stable = stable;
                pr.warmupWindows = warm;
                long c0 = s.cpuTicks();
                Window m = load.window(measureSeconds);
                long c1 = s.cpuTicks();
                pr.measured = m;
                pr.cpuSeconds = (c1 - c0) / (double) clkTck;
                pr.rssKb = s.rssKb();
            }
            pr.maxRssKb = s.maxRss();
            jr.noteRss(pr.maxRssKb);
            pr.serverErrors = s.logErrors();
        } finally {
            deleteTree(dir);
        }
        if (path.equals("login")) {
            pr.argon2After = argon2Alone(jarPath);
        }
        say(String.format(Locale.ROOT, "  %-8s %-9s start %4.1f s | cold %6.0f/s | warm-up %3d s%s | %7.0f/s p50 %6.2f ms p99 %6.2f ms"
                        + " | %5.3f CPU-s/1000 | errors %s | RSS %d MB (max %d)",
                jr.label, path, pr.startSeconds, pr.cold.perSecond(), pr.warmupSeconds, pr.stable ? "" : " (cap)",
                pr.measured.perSecond(), pr.measured.percentileMs(50), pr.measured.percentileMs(99),
                pr.cpuPer1000(), pr.errorText(), pr.rssKb / 1024, pr.maxRssKb / 1024));
        return pr;
    }

    static double perThousand(long ticks, long ops) {
        return ops == 0 ? Double.NaN : ticks * 1000.0 / ops;
    }

    // ========================================================================= closed-loop load

    final class Load implements Closeable {
        final String path;
        final int port;
        final Client[] clientsArr;
        final AtomicBoolean running = new AtomicBoolean(true);
        final CountDownLatch ready;
        final CountDownLatch go = new CountDownLatch(1);

        Load(String path, int port, int n) {
            this.path = path;
            this.port = port;
            this.clientsArr = new Client[n];
            this.ready = new CountDownLatch(n);
            for (int i = 0; i < n; i++) {
                clientsArr[i] = new Client(i);
            }
        }

        void begin() throws InterruptedException {
            for (Client c : clientsArr) {
                c.thread.start();
            }
            ready.await();
            for (Client c : clientsArr) {
                if (c.failure != null) {
                    throw new IllegalStateException("client could not start", c.failure);
                }
            }
            go.countDown();
        }

        Window window(int seconds) throws InterruptedException {
            for (Client c : clientsArr) {
                c.swap();
            }
            long t0 = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            Window merged = new Window();
            for (Client c : clientsArr) {
                merged.add(c.swap());
            }
            merged.seconds = (System.nanoTime() - t0) / 1e9;
            return merged;
        }

        @Override
        public void close() {
            running.set(false);
            go.countDown();
            for (Client c : clientsArr) {
                try {
                    c.thread.join(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        final class Client implements Runnable {
            final int index;
            final Thread thread;
            Window current = new Window();
            volatile Throwable failure;
            Conn conn;
            String accessToken;
            String refreshToken;

            Client(int index) {
                this.index = index;
                this.thread = new Thread(this, "client-" + path + "-" + index);
                this.thread.setDaemon(true);
            }

            synchronized Window swap() {
                Window w = current;
                current = new Window();
                return w;
            }

            synchronized void record(long nanos, int status) {
                current.record(nanos, status);
            }

            String email() {
                return "b" + index + "@bench.test";
            }

            void relogin() throws IOException {
                String body = login(conn, email(), USER_PASSWORD);
                accessToken = field(body, "access_token");
                refreshToken = field(body, "refresh_token");
            }

            @Override
            public void run() {
                try {
                    conn = new Conn(port);
                    if (path.equals("refresh") || path.equals("me")) {
                        relogin();
                    }
                } catch (Throwable t) {
                    failure = t;
                }
                ready.countDown();
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                String loginBody = loginBody(email());
                while (running.get() && failure == null) {
                    long t0 = System.nanoTime();
                    int status;
                    try {
                        switch (path) {
                            case "login" -> status = conn.call("POST", "/api/v1/auth/login", null, loginBody, false).status;
                            case "refresh" -> {
                                Resp r = conn.call("POST", "/api/v1/auth/token/refresh", null,
                                        "{\"refresh_token\":\"" + refreshToken + "\"}", true);
                                status = r.status;
                                if (status == 200) {
                                    refreshToken = field(r.body, "refresh_token");
                                }
                            }
                            case "me" -> status = conn.call("GET", "/api/v1/me", accessToken, null, false).status;
                            case "jwks" -> status = conn.call("GET", "/.well-known/jwks.json", null, null, false).status;
                            case "liveness" -> status = conn.call("GET", "/actuator/health/liveness", null, null, false).status;
                            default -> throw new IllegalStateException(path);
                        }
                    } catch (IOException e) {
                        status = -1; // counted as an error "io"; the next call reconnects
                        conn.close();
                        sleep(10);
                    }
                    record(System.nanoTime() - t0, status);
                    if (status == 401 && (path.equals("refresh") || path.equals("me")) && running.get()) {
                        try {
                            relogin(); // a broken chain or an expired token: start a new one, counted as an error
                        } catch (Exception e) {
                            sleep(100);
                        }
                    }
                }
                conn.close();
            }
        }
    }

    static final class Window {
        long[] latencies = new long[1024];
        long ops;
        int n;
        double seconds;
        final TreeMap<Integer, Long> errors = new TreeMap<>();

        void record(long nanos, int status) {
            if (status >= 200 && status < 300) {
                ops++;
                if (n == latencies.length) {
                    latencies = Arrays.copyOf(latencies, n * 2);
                }
                latencies[n++] = nanos;
            } else {
                errors.merge(status, 1L, Long::sum);
            }
        }

        void add(Window o) {
            ops += o.ops;
            if (n + o.n > latencies.length) {
                latencies = Arrays.copyOf(latencies, Math.max(latencies.length * 2, n + o.n));
            }
            System.arraycopy(o.latencies, 0, latencies, n, o.n);
            n += o.n;
            o.errors.forEach((k, v) -> errors.merge(k, v, Long::sum));
        }

        double perSecond() {
            return seconds == 0 ? 0 : ops / seconds;
        }

        double percentileMs(double p) {
            if (n == 0) {
                return Double.NaN;
            }
            long[] sorted = Arrays.copyOf(latencies, n);
            Arrays.sort(sorted);
            int i = (int) Math.min(n - 1, Math.max(0, Math.ceil(p / 100.0 * n) - 1));
            return sorted[i] / 1e6;
        }

        long errorCount() {
            return errors.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    // ================================================================================ the server

    static final class Server implements Closeable {
        final Process process;
        final int port;
        final Path log;
        final Bench bench;
        double startSeconds;
        volatile long maxRssKb;
        final Thread sampler;
        volatile boolean sampling = true;

        private Server(Bench bench, Process process, int port, Path log) {
            this.bench = bench;
            this.process = process;
            this.port = port;
            this.log = log;
            this.sampler = new Thread(() -> {
                while (sampling && process.isAlive()) {
                    long rss = rssKb();
                    if (rss > maxRssKb) {
                        maxRssKb = rss;
                    }
                    sleep(500);
                }
            }, "rss-sampler");
            sampler.setDaemon(true);
        }

        static Server start(Bench bench, Path jar, Path dir, Map<String, String> extraEnv) throws Exception {
            int port = freePort();
            String java = ProcessHandle.current().info().command().orElse("java");
            List<String> command = new ArrayList<>(List.of(java, "-Xmx" + bench.heap));
            command.addAll(bench.serverOpts);
            command.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
            ProcessBuilder pb = new ProcessBuilder(command);
            pb.directory(dir.toFile());
            Map<String, String> env = pb.environment();
            env.put("SERVER_PORT", String.valueOf(port));
            env.put("ROTOR_DB_URL", "jdbc:h2:file:" + dir.resolve("data/rotor").toAbsolutePath());
            env.put("ROTOR_MASTER_KEY_FILE", dir.resolve("data/master.key").toAbsolutePath().toString());
            env.put("ROTOR_ADMIN_EMAIL", ADMIN_EMAIL);
            env.put("ROTOR_ADMIN_PASSWORD", ADMIN_PASSWORD);
            env.put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
            env.putAll(bench.serverEnv);
            env.putAll(extraEnv);
            Path log = dir.resolve("server.log");
            pb.redirectErrorStream(true);
            pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            long t0 = System.nanoTime();
            Server s = new Server(bench, pb.start(), port, log);
            s.sampler.start();
            long deadline = t0 + 300_000_000_000L;
            while (true) {
                if (!s.process.isAlive()) {
                    throw new IllegalStateException("server exited at start:\n" + tail(log));
                }
                try (Conn c = new Conn(port)) {
                    if (c.call("GET", "/actuator/health", null, null, false).status == 200) {
                        break;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                if (System.nanoTime() > deadline) {
                    s.close();
                    throw new IllegalStateException("server not healthy after 300 s:\n" + tail(log));
                }
                sleep(200);
            }
            s.startSeconds = (System.nanoTime() - t0) / 1e9;
            return s;
        }

        long cpuTicks() {
            try {
                String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14, 15)
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the server's CPU time", e);
            }
        }

        long rssKb() {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                    if (line.startsWith("VmRSS:")) {
                        return Long.parseLong(line.replaceAll("[^0-9]", ""));
                    }
                }
            } catch (IOException | RuntimeException gone) {
                // the process ended
            }
            return 0;
        }

        long maxRss() {
            long now = rssKb();
            return Math.max(now, maxRssKb);
        }

        /** Lines of the server's log that say something went wrong (OutOfMemoryError, 5xx causes). */
        List<String> logErrors() {
            try (Stream<String> lines = Files.lines(log)) {
                return lines.filter(l -> l.contains("OutOfMemoryError") || l.contains(" ERROR ")).limit(5).toList();
            } catch (IOException | RuntimeException e) {
                return List.of();
            }
        }

        @Override
        public void close() {
            sampling = false;
            process.destroy();
            try {
                if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }

        static String tail(Path log) {
            try {
                List<String> lines = Files.readAllLines(log);
                return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
            } catch (IOException e) {
                return "(no log)";
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    // ============================================================= a minimal HTTP/1.1 client

    static final class Resp {
        final int status;
        final String body;

        Resp(int status, String body) {
            this.status = status;
            this.body = body;
        }
    }

    /** One keep-alive connection; requests in sequence. Small and cheap, so the client's CPU stays low. */
    static final class Conn implements Closeable {
        final int port;
        final byte[] scratch = new byte[8192];
        Socket socket;
        InputStream in;
        OutputStream os;
        boolean closed;

        Conn(int port) throws IOException {
            this.port = port;
            open();
        }

        private void open() throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(60_000);
            in = new BufferedInputStream(socket.getInputStream(), 16384);
            os = socket.getOutputStream();
            closed = false;
        }

        Resp call(String method, String path, String bearer, String json, boolean wantBody) throws IOException {
            if (closed) {
                open(); // the server ended the previous keep-alive connection (Tomcat: after 100 requests)
            }
            StringBuilder req = new StringBuilder(256).append(method).append(' ').append(path)
                    .append(" HTTP/1.1\r\nHost: localhost:").append(port).append("\r\nAccept: application/json\r\n");
            if (bearer != null) {
                req.append("Authorization: Bearer ").append(bearer).append("\r\n");
            }
            byte[] body = json == null ? null : json.getBytes(StandardCharsets.UTF_8);
            if (body != null) {
                req.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
            }
            req.append("\r\n");
            byte[] head = req.toString().getBytes(StandardCharsets.ISO_8859_1);
            if (body != null) {
                byte[] all = Arrays.copyOf(head, head.length + body.length);
                System.arraycopy(body, 0, all, head.length, body.length);
                os.write(all);
            } else {
                os.write(head);
            }
            os.flush();
            String statusLine = line();
            if (statusLine == null || !statusLine.startsWith("HTTP/1.")) {
                throw new IOException("bad status line: " + statusLine);
            }
            int status = Integer.parseInt(statusLine.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            boolean close = false;
            String h;
            while ((h = line()) != null && !h.isEmpty()) {
                int colon = h.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = h.substring(colon + 1).trim();
                switch (name) {
                    case "content-length" -> length = Long.parseLong(value);
                    case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                    case "connection" -> close = value.equalsIgnoreCase("close");
                    default -> { }
                }
            }
            ByteArrayOutputStream bodyOut = wantBody ? new ByteArrayOutputStream() : null;
            if (chunked) {
                while (true) {
                    String sizeLine = line();
                    if (sizeLine == null) {
                        throw new IOException("connection closed in a chunked body");
                    }
                    int semi = sizeLine.indexOf(';');
                    long size = Long.parseLong((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).trim(), 16);
                    if (size == 0) {
                        while ((h = line()) != null && !h.isEmpty()) {
                            // trailers
                        }
                        break;
                    }
                    readBody(size, bodyOut);
                    line();
                }
            } else if (length > 0) {
                readBody(length, bodyOut);
            } else if (length < 0 && status != 204 && status != 304) {
                close = true; // body until close: read it all
                readBody(Long.MAX_VALUE, bodyOut);
            }
            if (close) {
                close();
            }
            return new Resp(status, bodyOut == null ? null : bodyOut.toString(StandardCharsets.UTF_8));
        }

        private void readBody(long length, ByteArrayOutputStream sink) throws IOException {
            long left = length;
            while (left > 0) {
                int r = in.read(scratch, 0, (int) Math.min(scratch.length, left));
                if (r < 0) {
                    if (length == Long.MAX_VALUE) {
                        return;
                    }
                    throw new IOException("connection closed in a body");
                }
                if (sink != null) {
                    sink.write(scratch, 0, r);
                }
                left -= r;
            }
        }

        private String line() throws IOException {
            StringBuilder sb = new StringBuilder(64);
            int c;
            while ((c = in.read()) >= 0) {
                if (c == '\n') {
                    int len = sb.length();
                    if (len > 0 && sb.charAt(len - 1) == '\r') {
                        sb.setLength(len - 1);
                    }
                    return sb.toString();
                }
                sb.append((char) c);
            }
            return sb.length() == 0 ? null : sb.toString();
        }

        @Override
        public void close() {
            closed = true;
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json == null ? "" : json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + (json == null ? "null" : json.substring(0, Math.min(200, json.length()))));
        }
        return m.group(1);
    }

    // ======================================================================== Argon2id alone

    static final class Argon2Result {
        double perSecond;
        int threads;
        int memoryKib;
        int iterations;
        int parallelism;
    }

    /**
     * Argon2id verifications per second with nothing else running: the server's library (taken from
     * the jar's BOOT-INF/lib) and the server's default cost (read from the jar's application.yml), on
     * one thread per core, the most the server's hashing line runs at once.
     */
    Argon2Result argon2Alone(Path jarPath) throws Exception {
        Argon2Result r = new Argon2Result();
        Path libs = Files.createTempDirectory("rotor-bench-argon2-");
        try (ZipFile zip = new ZipFile(jarPath.toFile())) {
            String yml = "";
            ZipEntry ymlEntry = zip.getEntry("BOOT-INF/classes/application.yml");
            if (ymlEntry != null) {
                yml = new String(zip.getInputStream(ymlEntry).readAllBytes(), StandardCharsets.UTF_8);
            }
            r.memoryKib = ymlDefault(yml, "ROTOR_ARGON2_MEMORY_KIB", 19456);
            r.iterations = ymlDefault(yml, "ROTOR_ARGON2_ITERATIONS", 2);
            r.parallelism = ymlDefault(yml, "ROTOR_ARGON2_PARALLELISM", 1);
            List<URL> urls = new ArrayList<>();
            for (ZipEntry e : zip.stream().toList()) {
                String name = e.getName();
                String file = name.substring(name.lastIndexOf('/') + 1);
                if (name.startsWith("BOOT-INF/lib/") && (file.startsWith("argon2-jvm") || file.startsWith("jna"))) {
                    Path target = libs.resolve(file);
                    Files.copy(zip.getInputStream(e), target, StandardCopyOption.REPLACE_EXISTING);
                    urls.add(target.toUri().toURL());
                }
            }
            if (urls.isEmpty()) {
                throw new IllegalStateException("no argon2-jvm in " + jarPath);
            }
            try (URLClassLoader cl = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
                Class<?> factory = cl.loadClass("de.mkammerer.argon2.Argon2Factory");
                @SuppressWarnings({"unchecked", "rawtypes"})
                Class<Enum> types = (Class<Enum>) cl.loadClass("de.mkammerer.argon2.Argon2Factory$Argon2Types");
                @SuppressWarnings("unchecked")
                Object id = Enum.valueOf(types, "ARGON2id");
                Object argon2 = factory.getMethod("create", types).invoke(null, id);
                Class<?> api = cl.loadClass("de.mkammerer.argon2.Argon2");
                Method hash = api.getMethod("hash", int.class, int.class, int.class, char[].class, Charset.class);
                Method verify = api.getMethod("verify", String.class, char[].class, Charset.class);
                String stored = (String) hash.invoke(argon2, r.iterations, r.memoryKib, r.parallelism,
                        USER_PASSWORD.toCharArray(), StandardCharsets.UTF_8);
                r.threads = Runtime.getRuntime().availableProcessors();
                AtomicBoolean counting = new AtomicBoolean(false);
                AtomicBoolean running = new AtomicBoolean(true);
                AtomicLong count = new AtomicLong();
                List<Thread> threads = new ArrayList<>();
                for (int t = 0; t < r.threads; t++) {
                    Thread th = new Thread(() -> {
                        try {
                            while (running.get()) {
                                if (!(Boolean) verify.invoke(argon2, stored, USER_PASSWORD.toCharArray(), StandardCharsets.UTF_8)) {
                                    throw new IllegalStateException("verify failed");
                                }
                                if (counting.get()) {
                                    count.incrementAndGet();
                                }
                            }
                        } catch (Exception e) {
                            throw new RuntimeException(e);
                        }
                    });
                    th.start();
                    threads.add(th);
                }
                Thread.sleep(Math.max(1, argon2Seconds / 5) * 1000L);
                long t0 = System.nanoTime();
                counting.set(true);
                Thread.sleep(argon2Seconds * 1000L);
                counting.set(false);
                double secs = (System.nanoTime() - t0) / 1e9;
                running.set(false);
                for (Thread th : threads) {
                    th.join();
                }
                r.perSecond = count.get() / secs;
            }
        } finally {
            deleteTree(libs);
        }
        say("");
        say(String.format(Locale.ROOT, "Argon2id alone (m=%d KiB, t=%d, p=%d, %d threads, no server running): %.1f verifications/s",
                r.memoryKib, r.iterations, r.parallelism, r.threads, r.perSecond));
        return r;
    }

    static int ymlDefault(String yml, String env, int fallback) {
        Matcher m = Pattern.compile("\\$\\{" + env + ":(\\d+)\\}").matcher(yml);
        return m.find() ? Integer.parseInt(m.group(1)) : fallback;
    }

    // ================================================================================ results

    static final class PathResult {
        final String path;
        int clients;
        double startSeconds;
        Window cold;
        double coldCpuPer1000;
        long warmupSeconds;
        boolean stable;
        List<Double> warmupWindows = List.of();
        Window measured;
        double cpuSeconds;
        long rssKb;
        long maxRssKb;
        List<String> serverErrors = List.of();
        Argon2Result argon2Before;
        Argon2Result argon2After;

        PathResult(String path) {
            this.path = path;
        }

        double cpuPer1000() {
            return measured.ops == 0 ? Double.NaN : cpuSeconds * 1000.0 / measured.ops;
        }

        double opsPerCpuSecond() {
            return cpuSeconds == 0 ? Double.NaN : measured.ops / cpuSeconds;
        }

        double coldOverWarm() {
            return cold.perSecond() / measured.perSecond();
        }

        long errors() {
            return cold.errorCount() + measured.errorCount();
        }

        /** Argon2id alone around this path's server (login only): the mean of before and after. */
        double argon2AroundPerSecond() {
            return argon2Before == null || argon2After == null ? Double.NaN
                    : (argon2Before.perSecond + argon2After.perSecond) / 2;
        }

        String errorText() {
            Map<Integer, Long> all = new TreeMap<>(cold.errors);
            measured.errors.forEach((k, v) -> all.merge(k, v, Long::sum));
            if (all.isEmpty()) {
                return "0";
            }
            StringBuilder sb = new StringBuilder();
            all.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ",").append(k == -1 ? "io" : k).append('x').append(v));
            return sb.toString();
        }

        String json() {
            StringBuilder sb = new StringBuilder("{");
            sb.append("\"clients\":").append(clients)
                    .append(",\"start_seconds\":").append(fmt(startSeconds))
                    .append(",\"cold_ops_per_s\":").append(fmt(cold.perSecond()))
                    .append(",\"cold_seconds\":").append(fmt(cold.seconds))
                    .append(",\"cold_cpu_s_per_1000\":").append(fmt(coldCpuPer1000))
                    .append(",\"warmup_seconds\":").append(warmupSeconds)
                    .append(",\"warmup_stable\":").append(stable)
                    .append(",\"warmup_windows_ops_per_s\":").append(warmupWindows.stream().map(Bench::fmt).toList())
                    .append(",\"ops_per_s\":").append(fmt(measured.perSecond()))
                    .append(",\"measured_seconds\":").append(fmt(measured.seconds))
                    .append(",\"p50_ms\":").append(fmt(measured.percentileMs(50)))
                    .append(",\"p99_ms\":").append(fmt(measured.percentileMs(99)))
                    .append(",\"server_cpu_seconds\":").append(fmt(cpuSeconds))
                    .append(",\"cpu_s_per_1000_ops\":").append(fmt(cpuPer1000()))
                    .append(",\"ops_per_cpu_s\":").append(fmt(opsPerCpuSecond()))
                    .append(",\"errors\":\"").append(errorText()).append('"')
                    .append(",\"rss_kb\":").append(rssKb)
                    .append(",\"max_rss_kb\":").append(maxRssKb)
                    .append(",\"server_log_errors\":").append(serverErrors.size());
            if (argon2Before != null && argon2After != null) {
                sb.append(",\"argon2_alone_before_per_s\":").append(fmt(argon2Before.perSecond))
                        .append(",\"argon2_alone_after_per_s\":").append(fmt(argon2After.perSecond));
            }
            sb.append('}');
            return sb.toString();
        }
    }

    static final class JarResult {
        final String label;
        final String jar;
        double seedSeconds;
        long maxRssKb;
        final Map<String, PathResult> paths = new LinkedHashMap<>();

        JarResult(String label, String jar) {
            this.label = label;
            this.jar = jar;
        }

        void noteRss(long kb) {
            maxRssKb = Math.max(maxRssKb, kb);
        }

        long errors() {
            return paths.values().stream().mapToLong(PathResult::errors).sum();
        }

        String json() {
            StringBuilder sb = new StringBuilder("{\"jar\":\"").append(jar.replace("\\", "/")).append("\",\"seed_seconds\":")
                    .append(fmt(seedSeconds)).append(",\"max_rss_kb\":").append(maxRssKb).append(",\"paths\":{");
            boolean first = true;
            for (var e : paths.entrySet()) {
                sb.append(first ? "" : ",").append('"').append(e.getKey()).append("\":").append(e.getValue().json());
                first = false;
            }
            return sb.append("}}").toString();
        }
    }

    static String fmt(double d) {
        return Double.isNaN(d) || Double.isInfinite(d) ? "null" : String.format(Locale.ROOT, "%.3f", d);
    }

    void printJar(JarResult r, Argon2Result argon2) {
        say("");
        say("--- " + r.label + " (" + r.jar + ")");
        say(String.format(Locale.ROOT, "%-9s %4s %9s %9s %6s %9s %8s %8s %9s %10s %-12s",
                "path", "cli", "cold/s", "warm/s", "c/w", "warm-up", "p50 ms", "p99 ms", "CPU-s/1k", "ops/CPU-s", "errors"));
        for (PathResult p : r.paths.values()) {
            say(String.format(Locale.ROOT, "%-9s %4d %9.0f %9.0f %5.0f%% %7ds%s %8.2f %8.2f %9.3f %10.0f %-12s",
                    p.path, p.clients, p.cold.perSecond(), p.measured.perSecond(), 100 * p.coldOverWarm(),
                    p.warmupSeconds, p.stable ? " " : "*", p.measured.percentileMs(50), p.measured.percentileMs(99),
                    p.cpuPer1000(), p.opsPerCpuSecond(), p.errorText()));
            for (String e : p.serverErrors) {
                say("          server log: " + e.substring(0, Math.min(160, e.length())));
            }
        }
        PathResult login = r.paths.get("login");
        if (login != null) {
            say(String.format(Locale.ROOT, "login: %.1f/s = %.0f%% of Argon2id alone just before and after it (%.1f/s and %.1f/s);"
                            + " %.0f%% of the run's first figure (%.1f/s)", login.measured.perSecond(),
                    100 * login.measured.perSecond() / login.argon2AroundPerSecond(), login.argon2Before.perSecond,
                    login.argon2After.perSecond, 100 * login.measured.perSecond() / argon2.perSecond, argon2.perSecond));
        }
        say(String.format(Locale.ROOT, "server RSS: max %d MB over the run (heap -Xmx%s); errors: %d; (* = warm-up cap reached before two windows agreed)",
                r.maxRssKb / 1024, heap, r.errors()));
    }

    void printRatios(JarResult cur, JarResult base) {
        say("");
        say("--- current / baseline");
        say(String.format(Locale.ROOT, "%-9s %10s %12s %14s %16s %14s",
                "path", "ops/s", "ops/CPU-s", "p99 cur|base", "cold/warm cur", "cold/warm base"));
        for (String path : cur.paths.keySet()) {
            PathResult c = cur.paths.get(path);
            PathResult b = base.paths.get(path);
            if (b == null) {
                continue;
            }
            say(String.format(Locale.ROOT, "%-9s %9.2fx %11.2fx %6.1f|%-6.1f %15.0f%% %13.0f%%", path,
                    c.measured.perSecond() / b.measured.perSecond(), c.opsPerCpuSecond() / b.opsPerCpuSecond(),
                    c.measured.percentileMs(99), b.measured.percentileMs(99), 100 * c.coldOverWarm(), 100 * b.coldOverWarm()));
        }
        say(String.format(Locale.ROOT, "max RSS: current %d MB, baseline %d MB", cur.maxRssKb / 1024, base.maxRssKb / 1024));
    }

    void printTargets(JarResult cur, JarResult base, Argon2Result argon2) {
        say("");
        say("--- issue 9 targets (figures, not assertions; the machine's other load makes them noisy)");
        PathResult refresh = cur.paths.get("refresh");
        if (refresh != null) {
            String ratio = base != null && base.paths.containsKey("refresh")
                    ? String.format(Locale.ROOT, "%.2fx baseline", refresh.opsPerCpuSecond() / base.paths.get("refresh").opsPerCpuSecond())
                    : "no baseline";
            say(String.format(Locale.ROOT, "refresh per server CPU-second >= 2x baseline, p99 < 50 ms at %d clients: %s, p99 %.1f ms",
                    refresh.clients, ratio, refresh.measured.percentileMs(99)));
        }
        StringBuilder cold = new StringBuilder();
        for (PathResult p : cur.paths.values()) {
            cold.append(String.format(Locale.ROOT, " %s %.0f%%", p.path, 100 * p.coldOverWarm()));
        }
        say("first " + coldSeconds + " s of load >= 50% of warm throughput:" + cold);
        for (String path : List.of("jwks", "liveness", "me")) {
            PathResult p = cur.paths.get(path);
            if (p != null && base != null && base.paths.containsKey(path)) {
                say(String.format(Locale.ROOT, "%s per server CPU-second >= 1.5x baseline: %.2fx", path,
                        p.opsPerCpuSecond() / base.paths.get(path).opsPerCpuSecond()));
            }
        }
        PathResult login = cur.paths.get("login");
        if (login != null) {
            say(String.format(Locale.ROOT, "login >= 90%% of Argon2id alone: %.0f%% of it measured just before and after"
                            + " (%.0f%% of the run's first figure)", 100 * login.measured.perSecond() / login.argon2AroundPerSecond(),
                    100 * login.measured.perSecond() / argon2.perSecond));
        }
        say(String.format(Locale.ROOT, "memory with %d live sessions, -Xmx%s: errors %d, max server RSS %d MB (target < 400 MB)",
                sessions, heap, cur.errors(), cur.maxRssKb / 1024));
    }

    // ================================================================================== helpers

    static long clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String s = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            p.waitFor();
            return Long.parseLong(s);
        } catch (Exception e) {
            return 100;
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (!p.getFileName().toString().equals("server.log")) {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException ignored) {
            // temp files; best effort
        }
    }
}
