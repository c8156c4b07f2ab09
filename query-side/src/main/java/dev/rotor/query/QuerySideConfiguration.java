package dev.rotor.query;

import dev.rotor.query.session.SessionViewRepository;
import dev.rotor.query.token.AccessTokenVerifier;
import dev.rotor.query.token.TokenFloorViewRepository;
import dev.rotor.query.token.TokenVerificationProperties;
import dev.rotor.query.token.ValidationState;
import dev.rotor.query.token.VerificationKeySource;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Query-side wiring: token verification and the validation read model's memory. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TokenVerificationProperties.class)
public class QuerySideConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    public AccessTokenVerifier accessTokenVerifier(VerificationKeySource keys, TokenVerificationProperties properties) {
        return new AccessTokenVerifier(keys, properties);
    }

    @Bean
    public ValidationState validationState(SessionViewRepository sessions, TokenFloorViewRepository floors,
                                           @Value("${rotor.validation.local-cache:true}") boolean localCache,
                                           @Value("${rotor.validation.cache-size:200000}") long cacheSize) {
        return new ValidationState(sessions, floors, localCache, cacheSize);
    }
}
