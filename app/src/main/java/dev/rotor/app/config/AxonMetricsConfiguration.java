package dev.rotor.app.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import java.util.function.Function;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.micrometer.EventProcessorLatencyMonitor;
import org.axonframework.micrometer.MessageCountingMonitor;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.MultiMessageMonitor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon's event processor metrics ({@code eventProcessor_*}, tagged with the processor's name) in
 * Boot's registry, so {@code /actuator/prometheus} shows them. Only the event processors: the
 * command and query buses would put a timer and per-message tags on every token check, the
 * hottest path, where Rotor's own counters and the HTTP server metrics already tell the story.
 * Axon's own auto-configuration is off (application.yml): it orders itself after Spring Boot 3's
 * metrics classes, which Boot 4 no longer has, and would register a registry of its own.
 */
@Configuration(proxyBeanMethods = false)
public class AxonMetricsConfiguration {

    /** The prefix of Axon's event processor meters with default (dimensional) tags. */
    static final String EVENT_PROCESSOR_METRICS = "eventProcessor.";
    static final String PROCESSOR_TAG = "processorName";

    /**
     * Per processor: Axon's counters (ingested, processed, succeeded, failed, ignored) and latency,
     * tagged with the processor's name only. Every read model is a subscribing processor, so these
     * monitors run for every event inside the appending request: the tags are made once per
     * processor, and Axon's per-event-type timers and capacity gauge (which looked a meter up by
     * freshly built tags for each event, 7 % of a refresh's CPU samples) are left out.
     */
    @Bean
    ConfigurerModule axonEventProcessorMetrics(MeterRegistry meterRegistry) {
        return configurer -> configurer.configureMessageMonitor(EventProcessor.class,
                (configuration, componentType, componentName) -> eventProcessorMonitor(meterRegistry, componentName));
    }

    /** Event processors only ever see event messages, so the latency monitor may stand for any message's. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static MessageMonitor<Message<?>> eventProcessorMonitor(MeterRegistry registry, String processorName) {
        Iterable<Tag> tags = Tags.of(PROCESSOR_TAG, processorName);
        Function<Message<?>, Iterable<Tag>> sameTags = message -> tags;
        String prefix = EVENT_PROCESSOR_METRICS.substring(0, EVENT_PROCESSOR_METRICS.length() - 1);
        MessageMonitor<Message<?>> latency = (MessageMonitor) EventProcessorLatencyMonitor.builder()
                .meterNamePrefix(prefix).meterRegistry(registry).tagsBuilder(sameTags).build();
        return new MultiMessageMonitor<>(MessageCountingMonitor.buildMonitor(prefix, registry, sameTags), latency);
    }
}
