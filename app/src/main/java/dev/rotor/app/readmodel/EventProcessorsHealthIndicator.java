package dev.rotor.app.readmodel;

import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Part of readiness: every event processor (each keeps a read model or lookup) is running and not
 * in error. A read model being rebuilt still serves from its previous generation, so a rebuild, or
 * a failed one, leaves this UP; the details say where each read model stands.
 */
final class EventProcessorsHealthIndicator implements HealthIndicator {

    private final EventProcessingConfiguration processing;
    private final ReadModelMonitor readModels;

    EventProcessorsHealthIndicator(EventProcessingConfiguration processing, ReadModelMonitor readModels) {
        this.processing = processing;
        this.readModels = readModels;
    }

    @Override
    public Health health() {
        Map<String, String> processors = new LinkedHashMap<>();
        boolean up = true;
        for (Map.Entry<String, EventProcessor> entry : processing.eventProcessors().entrySet()) {
            EventProcessor processor = entry.getValue();
            String state = processor.isError() ? "error" : processor.isRunning() ? "running" : "stopped";
            up &= "running".equals(state);
            processors.put(entry.getKey(), state);
        }
        Map<String, Object> models = new LinkedHashMap<>();
        readModels.statuses().forEach((name, status) -> models.put(name, Map.of("status", status.status(),
                "lag", status.lag())));
        return (up ? Health.up() : Health.down())
                .withDetail("processors", processors)
                .withDetail("read_models", models)
                .build();
    }
}
