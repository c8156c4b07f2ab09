package dev.rotor.app.readmodel;

import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * The operator's way without HTTP: {@code java -jar rotor.jar --rotor.rebuild=sessions} (or a
 * comma-separated list, or {@code all}) rebuilds and exits; {@code RotorApplication} starts no web
 * server for it. On PostgreSQL it may run beside serving nodes.
 */
@Component
public class RebuildCommandLine implements ApplicationRunner {

    public static final String PROPERTY = "rotor.rebuild";
    private static final Logger log = LoggerFactory.getLogger(RebuildCommandLine.class);

    private final ReadModelRebuilder rebuilder;
    private final String requested;

    public RebuildCommandLine(ReadModelRebuilder rebuilder, @Value("${" + PROPERTY + ":}") String requested) {
        this.rebuilder = rebuilder;
        this.requested = requested;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (requested.isBlank()) {
            return;
        }
        List<String> names = "all".equals(requested.strip()) ? rebuilder.names()
                : Arrays.stream(requested.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        for (String name : names) {
            log.info("Rebuilding read model {}", name);
            rebuilder.rebuildNow(name);
        }
        log.info("Rebuilt {}", names);
    }
}
