package dev.rotor.app.e2e;

import dev.rotor.RotorApplication;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

/**
 * A real Rotor server for end-to-end tests: the packaged application on a random port over a
 * fresh H2 file in its own folder, with its master key file in that folder too (unless
 * {@link #MASTER_KEY_FILE} is given: nodes sharing a database share that file). {@link #restart()}
 * stops it and starts it again on the same database, as an operator's restart would; {@link #close()}
 * stops it for good and removes its folder, so test runs leave nothing behind in the temp directory.
 */
public final class RotorServer implements AutoCloseable {

    public static final String ADMIN_EMAIL = "admin@rotor.test";
    public static final String ADMIN_PASSWORD = "admin-password-for-tests";
    public static final String ISSUER = "http://rotor.test";
    public static final String MASTER_KEY_FILE = "rotor.master-key-file";

    private final Path dataDir;
    private final Map<String, Object> properties;
    private final Class<?>[] extraSources;
    private ConfigurableApplicationContext context;

    private RotorServer(Path dataDir, Map<String, Object> extra, Class<?>... extraSources) {
        this.dataDir = dataDir;
        this.extraSources = extraSources.clone();
        this.properties = new HashMap<>();
        properties.put("server.port", "0");
        properties.put("spring.datasource.url", "jdbc:h2:file:" + dataDir.resolve("rotor").toAbsolutePath());
        properties.put("rotor.admin.email", ADMIN_EMAIL);
        properties.put("rotor.admin.password", ADMIN_PASSWORD);
        properties.put("rotor.token.issuer", ISSUER);
        properties.put(MASTER_KEY_FILE, dataDir.resolve("master.key").toAbsolutePath());
        properties.put("axoniq.update-checker.disabled", "true");
        // Keep the build log readable: the servers' warnings and Rotor's own lines only.
        properties.put("logging.level.root", "warn");
        properties.put("logging.level.dev.rotor", "info");
        properties.putAll(extra);
    }

    public static RotorServer start() {
        return start(Map.of());
    }

    public static RotorServer start(Map<String, Object> extraProperties) {
        return start(extraProperties, new Class<?>[0]);
    }

    /**
     * With test-only beans beside the application's: each extra source is registered as a bean
     * (plain classes, never {@code @Component}, so no other test's server scans them in).
     */
    public static RotorServer start(Map<String, Object> extraProperties, Class<?>... extraSources) {
        System.setProperty("axoniq.update-checker.disabled", "true");
        try {
            RotorServer server = new RotorServer(Files.createTempDirectory("rotor-e2e-"), extraProperties,
                    extraSources);
            server.boot();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void boot() {
        // As command-line arguments: they outrank application.yml (builder "properties" are only defaults).
        String[] args = properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        context = new SpringApplicationBuilder(RotorApplication.class).sources(extraSources).run(args);
    }

    public void restart() {
        stop();
        boot();
    }

    public void stop() {
        if (context != null) {
            context.close();
            context = null;
        }
    }

    public int port() {
        return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
    }

    public String baseUrl() {
        return "http://localhost:" + port();
    }

    public RotorClient client() {
        return new RotorClient(baseUrl());
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The master key file this server reads (and created on its first start). */
    public Path masterKeyFile() {
        return Path.of(properties.get(MASTER_KEY_FILE).toString());
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    @Override
    public void close() {
        stop();
        try {
            FileSystemUtils.deleteRecursively(dataDir);
        } catch (IOException e) {
            // Best effort: what cannot be deleted is left for the operating system's temp cleaning.
        }
    }
}
