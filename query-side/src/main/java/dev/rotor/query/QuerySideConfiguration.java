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

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(QuerySideConfiguration.class);

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
                                           @Value("${rotor.validation.local-cache:auto}") String localCache,
                                           @Value("${spring.datasource.url:}") String databaseUrl,
                                           @Value("${rotor.validation.cache-size:200000}") long cacheSize) {
        boolean enabled = "auto".equalsIgnoreCase(localCache)
                ? isSingleProcessDatabase(databaseUrl)
                : Boolean.parseBoolean(localCache);
        log.info("Validation read model: in-memory session layer {}", enabled ? "on (single writer)" : "off");
        return new ValidationState(sessions, floors, enabled, cacheSize);
    }

    /**
     * Only an embedded H2 database (file or memory, without AUTO_SERVER) guarantees that this
     * process applies every event itself; any shared database may have other writers.
     */
    static boolean isSingleProcessDatabase(String url) {
        String u = url == null ? "" : url.toLowerCase(java.util.Locale.ROOT);
        return u.startsWith("jdbc:h2:") && !u.startsWith("jdbc:h2:tcp:") && !u.startsWith("jdbc:h2:ssl:")
                && !u.contains("auto_server=true");
    }
}
