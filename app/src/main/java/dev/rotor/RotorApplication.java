package dev.rotor;

import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The Rotor server. Lives in the root package, so Boot's auto-configuration package covers both
 * sides; only the app's own package is component-scanned, and each side is switched on by its
 * role profile ({@code command}, {@code query}; both by default).
 */
@SpringBootApplication(scanBasePackages = "dev.rotor.app")
public class RotorApplication {

    public static void main(String[] args) {
        // Axon's update checker calls home; Rotor runs where there may be no network at all.
        if (System.getProperty("axoniq.update-checker.disabled") == null) {
            System.setProperty("axoniq.update-checker.disabled", "true");
        }
        SpringApplication application = new SpringApplication(RotorApplication.class);
        // --rotor.rebuild=<read models>: rebuild and exit (see RebuildCommandLine), no web server.
        boolean rebuildOnly = Arrays.stream(args).anyMatch(arg -> arg.startsWith("--rotor.rebuild="));
        if (rebuildOnly) {
            application.setWebApplicationType(WebApplicationType.NONE);
            System.exit(SpringApplication.exit(application.run(args)));
        }
        application.run(args);
    }
}
