package dev.rotor.app.readmodel;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What operators watch of the read models: {@code rotor_read_model_lag{name}}, how many events
 * each is behind the event store's head, and the states the health indicator shows. Every
 * processing group is subscribing (written in the appending transaction), so a live read model is
 * at the head; a rebuild's new generation catches up from zero. The figures are those of
 * {@code GET /api/v1/admin/projections}, read from the database at most once per
 * {@link #MAX_AGE}, however often the metrics are scraped.
 */
final class ReadModelMonitor {

    static final String LAG = "rotor.read.model.lag";
    static final Duration MAX_AGE = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(ReadModelMonitor.class);

    private final ReadModelRebuilder rebuilder;
    private final Clock clock;
    private volatile Snapshot snapshot;

    ReadModelMonitor(ReadModelRebuilder rebuilder, Clock clock) {
        this.rebuilder = rebuilder;
        this.clock = clock;
    }

    private record Snapshot(Instant takenAt, Map<String, ReadModelStatus> byName) {
    }

    void register(MeterRegistry registry) {
        for (String name : rebuilder.names()) {
            Gauge.builder(LAG, this, monitor -> monitor.lag(name))
                    .description("Events the read model (its processing group) is behind the event store's head")
                    .tag("name", name)
                    .register(registry);
        }
    }

    /** The lag of one read model; NaN (no sample) when its state cannot be read. */
    double lag(String name) {
        ReadModelStatus status = statuses().get(name);
        return status == null ? Double.NaN : status.lag();
    }

    /** Every read model's status, at most {@link #MAX_AGE} old; empty when the database cannot be read. */
    Map<String, ReadModelStatus> statuses() {
        Instant now = clock.instant();
        Snapshot current = snapshot;
        if (current == null || current.takenAt().plus(MAX_AGE).isBefore(now)) {
            current = new Snapshot(now, read());
            snapshot = current;
        }
        return current.byName();
    }

    private Map<String, ReadModelStatus> read() {
        try {
            List<ReadModelStatus> statuses = rebuilder.status();
            return statuses.stream().collect(Collectors.toUnmodifiableMap(ReadModelStatus::name, Function.identity()));
        } catch (RuntimeException e) {
            log.warn("Could not read the read models' state: {}", e.toString());
            return Map.of();
        }
    }
}
