package dev.rotor.command.account;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Argon2id cost. Defaults are OWASP's second recommended setting: 19 MiB, 2 passes, 1 lane.
 * {@code maxConcurrentHashes}: how many hashes may run at once (0 = one per core).
 */
@Validated
@ConfigurationProperties("rotor.password")
public record PasswordHashingProperties(
        @DefaultValue("19456") @Min(1024) @Max(4194304) int memoryKib,
        @DefaultValue("2") @Min(1) @Max(100) int iterations,
        @DefaultValue("1") @Min(1) @Max(16) int parallelism,
        @DefaultValue("0") @Min(0) @Max(256) int maxConcurrentHashes) {

    public int effectiveConcurrency() {
        return maxConcurrentHashes > 0 ? maxConcurrentHashes : Runtime.getRuntime().availableProcessors();
    }
}
