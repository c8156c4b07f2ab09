package dev.rotor.app.config;

import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon's event processor metrics ({@code eventProcessor_*}, tagged with the processor's name) in
 * Boot's registry, so {@code /actuator/prometheus} shows them. Only the event processors: the
 * command and query buses would put a timer and per-message tags on every token check, the
 * hottest path, where Rotor's own counters and the HTTP server metrics already tell the story.
 * Not through axon-micrometer: its auto-configuration orders itself after Spring Boot 3's metrics
 * classes, which Boot 4 no longer has, and its monitors look their meters up for every event.
 */
@Configuration(proxyBeanMethods = false)
public class AxonMetricsConfiguration {

    /**
     * Per processor: Axon's counters (ingested, processed, succeeded, failed, ignored) and latency,
     * under Axon's names, tagged with the processor's name only ({@link EventProcessorMeters}). Every
     * read model is a subscribing processor, so the monitor runs for every event inside the appending
     * request: its meters are registered once, where Axon's own monitors looked each one up by name
     * and tags for every event and processor (4 % of a login's request-thread CPU samples), and
     * Axon's per-event-type timers and capacity gauge (7 % of a refresh's) are left out.
     */
    @Bean
    ConfigurerModule axonEventProcessorMetrics(MeterRegistry meterRegistry) {
        return configurer -> configurer.configureMessageMonitor(EventProcessor.class,
                (configuration, componentType, componentName) -> new EventProcessorMeters(meterRegistry, componentName));
    }
}
