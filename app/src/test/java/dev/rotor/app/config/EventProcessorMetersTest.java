package dev.rotor.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.monitoring.MessageMonitor.MonitorCallback;
import org.junit.jupiter.api.Test;

/** Axon's event processor meters, counted and timed without a registry lookup per event. */
class EventProcessorMetersTest {

    private final MockClock clock = new MockClock();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);

    private double count(String name, String processor) {
        return registry.get("eventProcessor." + name).tag("processorName", processor).counter().count();
    }

    @Test
    void eachOutcomeIsCountedUnderAxonsNamesForItsProcessorOnly() {
        EventProcessorMeters sessions = new EventProcessorMeters(registry, "sessions");
        EventProcessorMeters audit = new EventProcessorMeters(registry, "audit");

        sessions.onMessageIngested(GenericEventMessage.asEventMessage("a")).reportSuccess();
        sessions.onMessageIngested(GenericEventMessage.asEventMessage("b")).reportFailure(new IllegalStateException());
        sessions.onMessageIngested(GenericEventMessage.asEventMessage("c")).reportIgnored();
        MonitorCallback auditCallback = audit.onMessageIngested(GenericEventMessage.asEventMessage("a"));
        auditCallback.reportSuccess();

        assertThat(count("ingestedCounter", "sessions")).isEqualTo(3);
        assertThat(count("processedCounter", "sessions")).isEqualTo(2);
        assertThat(count("successCounter", "sessions")).isEqualTo(1);
        assertThat(count("failureCounter", "sessions")).isEqualTo(1);
        assertThat(count("ignoredCounter", "sessions")).isEqualTo(1);
        assertThat(count("ingestedCounter", "audit")).isEqualTo(1);
        assertThat(count("successCounter", "audit")).isEqualTo(1);
        assertThat(count("failureCounter", "audit")).isZero();
    }

    @Test
    void latencyIsTheAgeOfTheLastEventIngested() {
        EventProcessorMeters sessions = new EventProcessorMeters(registry, "sessions");
        clock.add(10, TimeUnit.SECONDS);
        Instant wrote = Instant.ofEpochMilli(clock.wallTime());
        clock.add(1_500, TimeUnit.MILLISECONDS);

        sessions.onMessageIngested(new GenericEventMessage<>(GenericEventMessage.asEventMessage("a"), () -> wrote));

        assertThat(registry.get("eventProcessor.latency").tag("processorName", "sessions").gauge().value())
                .isEqualTo(1_500);
    }
}
