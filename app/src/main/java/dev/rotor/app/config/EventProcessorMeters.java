package dev.rotor.app.config;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;

/**
 * One event processor's meters, as Axon's {@code MessageCountingMonitor} and
 * {@code EventProcessorLatencyMonitor} name them ({@code eventProcessor.ingestedCounter},
 * {@code .processedCounter}, {@code .successCounter}, {@code .failureCounter},
 * {@code .ignoredCounter}, {@code .latency}: milliseconds from an event's timestamp to its
 * processing), tagged {@code processorName}, and registered when the processor is built. Axon's
 * monitors looked every meter up in the registry (five counters and a gauge) for each event each
 * processor saw.
 */
final class EventProcessorMeters implements MessageMonitor<Message<?>> {

    static final String PREFIX = "eventProcessor";
    static final String PROCESSOR_TAG = "processorName";

    private final Counter ingested;
    private final AtomicLong latencyMillis = new AtomicLong();
    private final Clock clock;
    private final MonitorCallback outcome;

    EventProcessorMeters(MeterRegistry registry, String processorName) {
        Tags tags = Tags.of(PROCESSOR_TAG, processorName);
        this.clock = registry.config().clock();
        this.ingested = registry.counter(PREFIX + ".ingestedCounter", tags);
        Counter processed = registry.counter(PREFIX + ".processedCounter", tags);
        Counter success = registry.counter(PREFIX + ".successCounter", tags);
        Counter failure = registry.counter(PREFIX + ".failureCounter", tags);
        Counter ignored = registry.counter(PREFIX + ".ignoredCounter", tags);
        Gauge.builder(PREFIX + ".latency", latencyMillis, AtomicLong::get).tags(tags).register(registry);
        this.outcome = new MonitorCallback() {
            @Override
            public void reportSuccess() {
                processed.increment();
                success.increment();
            }

            @Override
            public void reportFailure(Throwable cause) {
                processed.increment();
                failure.increment();
            }

            @Override
            public void reportIgnored() {
                ignored.increment();
            }
        };
    }

    @Override
    public MonitorCallback onMessageIngested(Message<?> message) {
        ingested.increment();
        if (message instanceof EventMessage<?> event) {
            latencyMillis.set(clock.wallTime() - event.getTimestamp().toEpochMilli());
        }
        return outcome;
    }
}
