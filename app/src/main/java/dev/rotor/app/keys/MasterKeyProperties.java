package dev.rotor.app.keys;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where the master key lives ({@code rotor.master-key-file}, {@code ROTOR_MASTER_KEY_FILE}); see
 * {@link MasterKeyFile} for its format.
 */
@Validated
@ConfigurationProperties("rotor")
public record MasterKeyProperties(@NotNull Path masterKeyFile) {
}
