package dev.rotor.app.e2e;

import dev.rotor.RotorApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Rotor node as its own operating-system process (so that it can die by SIGKILL), started from
 * the test JVM's own class path, listening on loopback only, its output appended to a log file.
 * {@link #start()} again after {@link #kill()} runs the very same command, as an operator's
 * restart would.
 */
public final class RotorNodeProcess implements AutoCloseable {

    private static final Duration HEALTH_POLL = Duration.ofMillis(200);

    private final String name;
    private final int port;
    private final Path log;
    private final List<String> command;
    private Process process;

    public RotorNodeProcess(String name, Path dir, String jdbcUrl, String dbUser, String dbPassword,
                            Path masterKeyFile) {
        this(name, dir, jdbcUrl, dbUser, dbPassword, masterKeyFile, List.of());
    }

    /** {@code extraArgs}: more {@code --name=value} arguments for the application. */
    public RotorNodeProcess(String name, Path dir, String jdbcUrl, String dbUser, String dbPassword,
                            Path masterKeyFile, List<String> extraArgs) {
        this.name = name;
        this.port = freeLoopbackPort();
        this.log = dir.resolve(name + ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java,
                // Small, quick-starting JVMs: three of them share two cores with the test and PostgreSQL.
                "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Daxoniq.update-checker.disabled=true",
                "-cp", System.getProperty("java.class.path"),
                RotorApplication.class.getName(),
                "--server.port=" + port,
                "--server.address=" + InetAddress.getLoopbackAddress().getHostAddress(),
                "--spring.datasource.url=" + jdbcUrl,
                "--spring.datasource.username=" + dbUser,
                "--spring.datasource.password=" + dbPassword,
                "--rotor.master-key-file=" + masterKeyFile.toAbsolutePath(),
                "--rotor.token.issuer=" + RotorServer.ISSUER,
                "--rotor.admin.email=" + RotorServer.ADMIN_EMAIL,
                "--rotor.admin.password=" + RotorServer.ADMIN_PASSWORD,
                "--logging.level.root=warn",
                "--logging.level.dev.rotor=info"));
        command.addAll(extraArgs);
        this.command = List.copyOf(command);
    }

    /** Starts the node and waits until {@code /actuator/health} answers UP; fails with the log's tail if not. */
    public void start(Duration timeout) throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(log.getParent().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // The command line alone configures the node, whatever the build's environment holds.
        builder.environment().keySet().removeIf(key -> key.startsWith("ROTOR_") || key.startsWith("SPRING_")
                || key.equals("SERVER_PORT") || key.equals("MANAGEMENT_SERVER_PORT"));
        process = builder.start();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " while starting:\n"
                        + logTail());
            }
            try {
                HttpResponse<String> answer = http.send(health, HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200 && answer.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // Polled again below.
            }
            Thread.sleep(HEALTH_POLL.toMillis());
        }
        kill();
        throw new IllegalStateException(name + " was not healthy within " + timeout + ":\n" + logTail());
    }

    /** SIGKILL on Linux: no shutdown hook, no graceful close of connections or transactions. */
    public void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " (pid " + process.pid() + ") outlived SIGKILL");
            }
        }
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    public String baseUrl() {
        return "http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + port;
    }

    public RotorClient client() {
        return new RotorClient(baseUrl());
    }

    public String logTail() {
        try {
            List<String> lines = Files.exists(log)
                    ? new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList() : List.of();
            List<String> tail = new ArrayList<>(lines.subList(Math.max(0, lines.size() - 80), lines.size()));
            return "---- last lines of " + log + " ----\n" + String.join("\n", tail);
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
