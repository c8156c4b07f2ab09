package dev.rotor.command.session;

import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** Claims and lifetime of access tokens. */
@Validated
@ConfigurationProperties("rotor.token")
public record AccessTokenProperties(
        @NotBlank String issuer,
        @DefaultValue("rotor") @NotBlank String audience,
        @DefaultValue("15m") Duration accessTokenTtl) {
}
