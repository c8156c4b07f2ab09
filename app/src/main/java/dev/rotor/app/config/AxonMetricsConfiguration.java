package dev.rotor.app.config;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;
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

    @Bean
    ConfigurerModule axonEventProcessorMetrics(MeterRegistry meterRegistry) {
        GlobalMetricRegistry axonMetrics = new GlobalMetricRegistry(meterRegistry);
        return configurer -> configurer.configureMessageMonitor(EventProcessor.class,
                (configuration, componentType, componentName) -> eventProcessorMonitor(axonMetrics, componentType,
                        componentName));
    }

    /**
     * Axon's timers publish six client-side percentiles per processor and event type: work on every
     * event in the appending transaction, and six series more each. Count, sum and max are kept;
     * Prometheus derives rates and means from them.
     */
    @Bean
    MeterFilter axonTimersWithoutPercentiles() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!id.getName().startsWith(EVENT_PROCESSOR_METRICS)) {
                    return config;
                }
                return DistributionStatisticConfig.builder().percentiles(new double[0]).build().merge(config);
            }
        };
    }

    @SuppressWarnings("unchecked")
    private static MessageMonitor<Message<?>> eventProcessorMonitor(GlobalMetricRegistry axonMetrics,
                                                                     Class<?> componentType, String componentName) {
        return (MessageMonitor<Message<?>>) axonMetrics.registerComponentWithDefaultTags(componentType, componentName);
    }
}
