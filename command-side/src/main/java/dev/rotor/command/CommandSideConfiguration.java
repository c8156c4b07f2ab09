package dev.rotor.command;

import dev.rotor.command.account.AdminBootstrapProperties;
import dev.rotor.command.account.Argon2idPasswordHasher;
import dev.rotor.command.account.CommonPasswords;
import dev.rotor.command.account.EmailRegistry;
import dev.rotor.command.account.LoginPolicy;
import dev.rotor.command.account.PasswordHasher;
import dev.rotor.command.account.PasswordHashingLine;
import dev.rotor.command.account.PasswordHashingProperties;
import dev.rotor.command.keys.SigningKeyProperties;
import dev.rotor.command.login.EmailPseudonyms;
import dev.rotor.command.session.AccessTokenProperties;
import dev.rotor.command.session.RefreshTokenCodec;
import dev.rotor.command.session.RefreshTokenLookup;
import dev.rotor.command.session.RefreshTokenSecretSource;
import dev.rotor.command.session.SessionPolicy;
import dev.rotor.command.token.RotationProperties;
import dev.rotor.command.token.TokenFloorLedger;
import dev.rotor.command.dispatch.DomainExceptionInterceptor;
import dev.rotor.kernel.readmodel.Generation;
import java.time.Duration;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.NoCache;
import dev.rotor.kernel.common.SingleWriter;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Command-side wiring: the set-based lookups (live generation), password hashing, aggregate caches
 * and snapshots (a refresh loads its session from memory, or from the latest snapshot, never from
 * its whole history), and the interceptor that keeps error codes on domain rejections.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({PasswordHashingProperties.class, LoginPolicy.class, SessionPolicy.class,
        AccessTokenProperties.class, RotationProperties.class, AdminBootstrapProperties.class,
        SigningKeyProperties.class})
public class CommandSideConfiguration {

    @Bean
    public EmailRegistry emailRegistry(JdbcTemplate jdbc) {
        return new EmailRegistry(jdbc, Generation.live(EmailRegistry.NAME));
    }

    @Bean
    public RefreshTokenLookup refreshTokenLookup(JdbcTemplate jdbc) {
        return new RefreshTokenLookup(jdbc, Generation.live(RefreshTokenLookup.NAME));
    }

    @Bean
    public TokenFloorLedger tokenFloorLedger(JdbcTemplate jdbc) {
        return new TokenFloorLedger(jdbc, Generation.live(TokenFloorLedger.NAME));
    }

    /**
     * The common-password list, read here at start, so that a broken resource stops the start
     * rather than the first registration. The password rules reach it through {@link CommonPasswords#shipped()}.
     */
    @Bean
    public CommonPasswords commonPasswords() {
        return CommonPasswords.shipped();
    }

    @Bean
    public PasswordHashingLine passwordHashingLine(PasswordHashingProperties cost) {
        return PasswordHashingLine.of(cost);
    }

    @Bean
    public PasswordHasher passwordHasher(PasswordHashingProperties cost, PasswordHashingLine line) {
        return new Argon2idPasswordHasher(cost, line);
    }

    @Bean
    public RefreshTokenCodec refreshTokenCodec(RefreshTokenSecretSource secrets) {
        return new RefreshTokenCodec(secrets.refreshTokenDerivationSecret());
    }

    /**
     * Aggregates are kept in memory only when this process is the only writer: with several nodes on
     * one database, another node's events never reach this memory, and a command answered from a
     * stale aggregate (a refresh within the leeway after another node's logout) would be wrong. A
     * shared database loads every aggregate from its latest snapshot and the events after it.
     */
    @Bean
    public Cache sessionCache(AggregateCaching caching, @Value("${rotor.aggregate-cache.sessions:20000}") long size) {
        return caching.newCache(size);
    }

    @Bean
    public AggregateCaching aggregateCaching(@Value("${rotor.single-writer:auto}") String singleWriter,
                                             @Value("${spring.datasource.url:}") String databaseUrl,
                                             @Value("${rotor.aggregate-cache.idle-time:30m}") Duration idleTime) {
        return new AggregateCaching(SingleWriter.decide(singleWriter, databaseUrl), idleTime);
    }

    /**
     * Whether aggregates may be cached in memory, decided once, and for how long an idle one stays.
     * Each aggregate type has its own bound (a least recently used aggregate beyond it is loaded
     * from its snapshot again), sized for a 256 MB heap: sessions are small, accounts carry their
     * recent request ids.
     */
    public record AggregateCaching(boolean enabled, Duration idleTime) {
        Cache newCache(long size) {
            return enabled ? new BoundedAggregateCache(size, idleTime) : NoCache.INSTANCE;
        }
    }

    @Bean
    public Cache throttleCache(AggregateCaching caching, @Value("${rotor.aggregate-cache.throttles:5000}") long size) {
        return caching.newCache(size);
    }

    @Bean
    public EmailPseudonyms emailPseudonyms(RefreshTokenSecretSource secrets) {
        return new EmailPseudonyms(secrets.refreshTokenDerivationSecret());
    }

    @Bean
    public Cache accountCache(AggregateCaching caching, @Value("${rotor.aggregate-cache.accounts:5000}") long size) {
        return caching.newCache(size);
    }

    @Bean
    public SnapshotTriggerDefinition sessionSnapshotTrigger(
            Snapshotter snapshotter, @Value("${rotor.snapshots.session-threshold:50}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }

    @Bean
    public SnapshotTriggerDefinition accountSnapshotTrigger(
            Snapshotter snapshotter, @Value("${rotor.snapshots.account-threshold:50}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }

    @Bean
    public DomainExceptionInterceptor domainExceptionInterceptor(CommandBus commandBus) {
        DomainExceptionInterceptor interceptor = new DomainExceptionInterceptor();
        commandBus.registerHandlerInterceptor(interceptor);
        return interceptor;
    }
}
