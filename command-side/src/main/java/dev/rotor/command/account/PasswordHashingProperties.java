package dev.rotor.command.account;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Argon2id cost. Defaults are OWASP's second recommended setting: 19 MiB, 2 passes, 1 lane.
 * {@code maxConcurrentHashes}: how many hashes may run at once (0 = one per core).
 * {@code maxWaitingHashes}: how many more may wait for a turn (0 = two per running hash), and
 * {@code maxWait}: for how long; beyond either, a hash is refused as {@code 503 server_busy}.
 * {@code niceness}: the Linux nice value of the hashing threads, 0 (the same priority as request
 * handling) to 19 (hash only with CPU time that nothing else wants).
 * {@code threadKeepAlive}: how long a hashing thread with nothing to hash stays, keeping its
 * {@code memoryKib} of working memory for the next one, before it ends and frees it.
 */
@Validated
@ConfigurationProperties("rotor.password")
public record PasswordHashingProperties(
        @DefaultValue("19456") @Min(1024) @Max(4194304) int memoryKib,
        @DefaultValue("2") @Min(1) @Max(100) int iterations,
        @DefaultValue("1") @Min(1) @Max(16) int parallelism,
        @DefaultValue("0") @Min(0) @Max(256) int maxConcurrentHashes,
        @DefaultValue("0") @Min(0) @Max(4096) int maxWaitingHashes,
        @DefaultValue("1s") @DurationMin(millis = 1) @DurationMax(minutes = 1) Duration maxWait,
        @DefaultValue("0") @Min(0) @Max(19) int niceness,
        @DefaultValue("30s") @DurationMin(millis = 1) @DurationMax(days = 1) Duration threadKeepAlive) {

    public int effectiveConcurrency() {
        return maxConcurrentHashes > 0 ? maxConcurrentHashes : Runtime.getRuntime().availableProcessors();
    }

    public int effectiveMaxWaiting() {
        return maxWaitingHashes > 0 ? maxWaitingHashes : 2 * effectiveConcurrency();
    }
}
