package dev.rotor.query.token;

import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What an access token must say to be accepted: Rotor's own issuer and audience, with at most
 * {@code clockSkew} of tolerance on {@code exp} and {@code iat}. Shares the {@code rotor.token}
 * prefix with the issuing side so both read one setting.
 */
@Validated
@ConfigurationProperties("rotor.token")
public record TokenVerificationProperties(
        @NotBlank String issuer,
        @DefaultValue("rotor") @NotBlank String audience,
        @DefaultValue("15m") Duration accessTokenTtl,
        @DefaultValue("30s") Duration clockSkew,
        @DefaultValue("100000") long verifiedTokenCacheSize) {

    public TokenVerificationProperties {
        if (clockSkew.isNegative() || clockSkew.toSeconds() > 30) {
            throw new IllegalArgumentException("rotor.token.clock-skew must be 0..30 s");
        }
    }
}
