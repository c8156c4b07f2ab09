package dev.rotor.query;

import dev.rotor.query.account.UserDirectoryProjection;
import dev.rotor.query.audit.AuditIndexProjection;
import dev.rotor.kernel.common.SingleWriter;
import dev.rotor.kernel.readmodel.Generation;
import dev.rotor.query.keys.SigningKeyProjection;
import dev.rotor.query.session.CurrentRefreshTokenProjection;
import dev.rotor.query.session.SessionProjection;
import dev.rotor.query.token.AccessTokenVerifier;
import dev.rotor.query.token.TokenFloorProjection;
import dev.rotor.query.token.TokenVerificationProperties;
import dev.rotor.query.token.VerificationKeySource;
import dev.rotor.query.validation.TokenIntrospectionQueryHandler;
import dev.rotor.query.validation.TokenValidationQueryHandler;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The query side's read models (their live projections), token verification and validation.
 * Imported by both roles: the read models are written in the transaction that appends an event,
 * so they must run wherever events are appended (the command role), and read wherever tokens are
 * checked (both roles). A query-only node appends nothing, so its projections never run.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TokenVerificationProperties.class)
public class QuerySideConfiguration {

    private static final Logger log = LoggerFactory.getLogger(QuerySideConfiguration.class);

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
    public TokenFloorProjection tokenFloorProjection(JdbcTemplate jdbc,
                                                     @Value("${rotor.single-writer:auto}") String localCache,
                                                     @Value("${spring.datasource.url:}") String databaseUrl,
                                                     @Value("${rotor.validation.cache-size:200000}") long cacheSize) {
        return TokenFloorProjection.live(jdbc, localCache(localCache, databaseUrl), cacheSize);
    }

    @Bean
    public SessionProjection sessionProjection(JdbcTemplate jdbc, TokenFloorProjection floors, Clock clock,
                                               @Value("${rotor.single-writer:auto}") String localCache,
                                               @Value("${spring.datasource.url:}") String databaseUrl,
                                               @Value("${rotor.validation.cache-size:200000}") long cacheSize) {
        boolean enabled = localCache(localCache, databaseUrl);
        log.info("Validation read model: in-memory session layer {}", enabled ? "on (single writer)" : "off");
        return SessionProjection.live(jdbc, enabled, cacheSize, floors, clock);
    }

    /** The signing keys every node signs and verifies with; the active key's id in memory only for a single writer. */
    @Bean
    public SigningKeyProjection signingKeyProjection(JdbcTemplate jdbc, Clock clock,
                                                     @Value("${rotor.single-writer:auto}") String localCache,
                                                     @Value("${spring.datasource.url:}") String databaseUrl) {
        return SigningKeyProjection.live(jdbc, localCache(localCache, databaseUrl), clock);
    }

    @Bean
    public AuditIndexProjection auditIndexProjection(JdbcTemplate jdbc) {
        return new AuditIndexProjection(jdbc);
    }

    @Bean
    public UserDirectoryProjection userDirectoryProjection(JdbcTemplate jdbc) {
        return new UserDirectoryProjection(jdbc, Generation.live(UserDirectoryProjection.NAME));
    }

    @Bean
    public TokenValidationQueryHandler tokenValidationQueryHandler(AccessTokenVerifier verifier,
                                                                   SessionProjection sessions,
                                                                   TokenFloorProjection floors, Clock clock) {
        return new TokenValidationQueryHandler(verifier, sessions, floors, clock);
    }

    @Bean
    public CurrentRefreshTokenProjection currentRefreshTokenProjection(JdbcTemplate jdbc) {
        return new CurrentRefreshTokenProjection(jdbc, Generation.live(CurrentRefreshTokenProjection.NAME));
    }

    @Bean
    public TokenIntrospectionQueryHandler tokenIntrospectionQueryHandler(TokenValidationQueryHandler validation,
                                                                         CurrentRefreshTokenProjection refreshTokens,
                                                                         SessionProjection sessions,
                                                                         TokenVerificationProperties properties,
                                                                         Clock clock) {
        return new TokenIntrospectionQueryHandler(validation, refreshTokens, sessions, properties, clock);
    }

    private static boolean localCache(String setting, String databaseUrl) {
        return SingleWriter.decide(setting, databaseUrl);
    }
}
