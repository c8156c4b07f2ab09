package dev.rotor.app.readmodel;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How rebuilds run: events per transaction, an optional pause between batches while the history
 * is replayed (to bound the load a rebuild puts on a busy database; events appended since the
 * rebuild began are followed without pause, so it always catches up), and how long a rebuild's owner may stay silent before another
 * node may take the rebuild over.
 */
@Validated
@ConfigurationProperties("rotor.read-models")
public record ReadModelProperties(
        @DefaultValue("1000") @Min(1) @Max(100_000) int batchSize,
        @DefaultValue("0ms") Duration batchPause,
        @DefaultValue("60s") Duration ownerTimeout) {
}
