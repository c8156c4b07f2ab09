package dev.rotor.app.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.rotor.kernel.common.RotorException;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import dev.rotor.kernel.account.ChangePasswordCommand;
import dev.rotor.kernel.account.ResetMfaCommand;
import dev.rotor.kernel.account.TriggerUserTokenRotationCommand;
import dev.rotor.kernel.account.UnlockUserCommand;
import dev.rotor.kernel.keys.AdoptSigningKeyCommand;
import dev.rotor.kernel.keys.RetireDueSigningKeysCommand;
import dev.rotor.kernel.keys.RotateSigningKeyCommand;
import dev.rotor.kernel.keys.RotateSigningKeyIfDueCommand;
import dev.rotor.kernel.session.IssueSessionCommand;
import dev.rotor.kernel.session.RecordTokenVersionRefusalCommand;
import dev.rotor.kernel.session.RefreshSessionCommand;
import dev.rotor.kernel.session.RevokeSessionCommand;
import dev.rotor.kernel.token.TriggerGlobalTokenRotationCommand;
import java.util.List;
import java.util.Set;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.commandhandling.gateway.IntervalRetryScheduler;
import org.axonframework.common.lock.LockAcquisitionFailedException;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.SnapshotterSpanFactory;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.spring.eventsourcing.SpringAggregateSnapshotter;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.queryhandling.LoggingQueryInvocationErrorHandler;
import org.axonframework.queryhandling.QueryBus;
import org.axonframework.queryhandling.QueryBusSpanFactory;
import org.axonframework.queryhandling.QueryInvocationErrorHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.PlatformTransactionManager;

/** Axon wiring shared by both roles. */
@Configuration(proxyBeanMethods = false)
public class AxonConfiguration {

    /**
     * Axon's serializer (events, snapshots, tokens) uses Jackson 2 with ISO-8601 instants, kept apart
     * from the web layer's Jackson 3 so that the stored form never changes with HTTP settings.
     */
    @Bean("defaultAxonObjectMapper")
    public ObjectMapper defaultAxonObjectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /**
     * Every unit of work (a command with the events it appends and the read-model rows its
     * subscribing handlers write, a batch of a streaming processor with its token) runs in one
     * Spring transaction. Declared here because Axon's auto-configuration for it is ordered after
     * Boot 3's transaction auto-configuration, which Boot 4 no longer has: without this bean, Axon
     * would quietly run without transactions.
     */
    @Bean
    public TransactionManager axonTransactionManager(PlatformTransactionManager transactionManager) {
        return new SpringTransactionManager(transactionManager);
    }

    /** Every aggregate's commands find their target through members looked up once per class. */
    @Bean
    public CommandTargetResolver commandTargetResolver() {
        return new CachedCommandTargetResolver();
    }

    /**
     * An event handler failure fails the unit of work. For the subscribing groups (the validation
     * read model and the command-side lookups) that means the event is not appended either: a
     * row and its event exist together or not at all. Streaming groups retry instead of skipping.
     */
    @Bean
    public ConfigurerModule propagateEventHandlerErrors() {
        return configurer -> configurer.eventProcessing(processing ->
                processing.registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance()));
    }

    /**
     * The local query bus without a transaction around each query. Token validation is a query on
     * every protected request and is mostly answered from memory; Axon's default would open a
     * database transaction (and take a pooled connection) for each one anyway. The query handlers
     * read through repositories, which open their own read-only transactions when they do touch
     * the database. With Axon Server on, Axon's own distributed query bus is used instead.
     */
    @Bean
    @Qualifier("localSegment")
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
    public SimpleQueryBus queryBus(org.axonframework.config.Configuration axon) {
        return SimpleQueryBus.builder()
                .messageMonitor(axon.messageMonitor(QueryBus.class, "queryBus"))
                .errorHandler(axon.getComponent(QueryInvocationErrorHandler.class,
                        () -> LoggingQueryInvocationErrorHandler.builder().build()))
                .queryUpdateEmitter(axon.getComponent(QueryUpdateEmitter.class))
                .spanFactory(axon.getComponent(QueryBusSpanFactory.class))
                .build();
    }

    /**
     * Commands are retried on optimistic conflicts (two nodes appending to one aggregate, or a
     * set-based lookup losing a race) and on transient storage errors; never on a domain decision.
     *
     * <p>A transient error can come after the commit did reach the database (the connection died
     * on the way back), so a retry may find its own first try already applied. The commands that
     * would do harm twice answer that case themselves, which is what makes retrying them safe:
     * <ul>
     * <li>Global and user rotations (admin rotation, logout-all) and password changes carry a
     *     request id made once per HTTP request before the first try; the aggregate remembers the
     *     ids of its last rotations and answers a repeat with the first result, appending nothing
     *     (a password change is not checked again against a hash it already replaced).</li>
     * <li>A session issue that finds its session already there, for the same user and the same
     *     first refresh token, succeeds quietly.</li>
     * <li>A refresh sees the rotation that beat it (its own, or a racing client's) and answers as
     *     a racing client within the leeway, with the same token: storage trouble never turns into
     *     reuse.</li>
     * <li>A revocation of an inactive session appends nothing.</li>
     * <li>A signing-key rotation carries a request id like the token rotations; adopting the first
     *     key, a scheduled rotation and recording retirements do nothing once done.</li>
     * </ul>
     */
    @Bean(destroyMethod = "shutdown")
    public ScheduledExecutorService commandRetryExecutor() {
        return Executors.newScheduledThreadPool(1, runnable -> {
            Thread thread = new Thread(runnable, "rotor-command-retry");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Axon's snapshotter, as its auto-configuration makes it, but working on a thread of its own.
     * Axon's default runs a snapshot on the thread of the command that triggered it, after the
     * commit but before the answer: one refresh in every fifty of a session read the events since
     * the last snapshot, serialised the session and wrote it while its client waited, which made
     * the refresh's p99. A snapshot is only a shortcut for loading, so one that cannot be queued
     * (a thousand waiting) is skipped; the next threshold takes it.
     */
    @Bean
    public SpringAggregateSnapshotter aggregateSnapshotter(org.axonframework.config.Configuration axon,
                                                           HandlerDefinition handlerDefinition,
                                                           ParameterResolverFactory parameterResolverFactory,
                                                           EventStore eventStore, TransactionManager transactionManager,
                                                           SnapshotterSpanFactory spanFactory,
                                                           ExecutorService snapshotExecutor) {
        return SpringAggregateSnapshotter.builder()
                .repositoryProvider(axon::repository)
                .transactionManager(transactionManager)
                .eventStore(eventStore)
                .parameterResolverFactory(parameterResolverFactory)
                .handlerDefinition(handlerDefinition)
                .spanFactory(spanFactory)
                .executor(snapshotExecutor)
                .build();
    }

    @Bean(destroyMethod = "shutdown")
    public ExecutorService snapshotExecutor() {
        return new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(1000), runnable -> {
            Thread thread = new Thread(runnable, "rotor-snapshotter");
            thread.setDaemon(true);
            return thread;
        }, new ThreadPoolExecutor.DiscardPolicy());
    }

    @Bean
    public CommandGateway commandGateway(CommandBus commandBus, ScheduledExecutorService commandRetryExecutor) {
        IntervalRetryScheduler retries = new ConflictRetryScheduler(IntervalRetryScheduler.builder()
                .retryExecutor(commandRetryExecutor)
                .retryInterval(25)
                .maxRetryCount(5));
        return DefaultCommandGateway.builder().commandBus(commandBus).retryScheduler(retries).build();
    }

    /**
     * Judges the failure chain as a whole. (Axon's predicate is asked about every cause on its own,
     * so "not a conflict" would match the driver's exception at the root of every conflict.)
     */
    static final class ConflictRetryScheduler extends IntervalRetryScheduler {

        ConflictRetryScheduler(IntervalRetryScheduler.Builder builder) {
            super(builder);
        }

        @Override
        protected boolean isExplicitlyNonTransient(Throwable failure) {
            return !isRetryable(failure);
        }

        /**
         * A conflict was lost before anything committed, so any command may try again. Any other
         * transient failure may have come after its commit: only a command that answers its own
         * repeat without applying it twice is retried then; the others fail, and their caller
         * learns the outcome is unknown rather than having it applied twice.
         */
        @Override
        public boolean scheduleRetry(CommandMessage commandMessage, RuntimeException lastFailure,
                                     List<Class<? extends Throwable>[]> failures, Runnable dispatchTask) {
            if (!isConflict(lastFailure) && !SAFE_AFTER_COMMIT.contains(commandMessage.getPayloadType())) {
                return false;
            }
            return super.scheduleRetry(commandMessage, lastFailure, failures, dispatchTask);
        }
    }

    /** Commands whose repeat after a commit that did apply them answers the same and appends nothing. */
    static final Set<Class<?>> SAFE_AFTER_COMMIT = Set.of(TriggerGlobalTokenRotationCommand.class,
            TriggerUserTokenRotationCommand.class, ChangePasswordCommand.class, IssueSessionCommand.class,
            RefreshSessionCommand.class, RevokeSessionCommand.class, RecordTokenVersionRefusalCommand.class,
            ResetMfaCommand.class, UnlockUserCommand.class, RotateSigningKeyCommand.class,
            RotateSigningKeyIfDueCommand.class, AdoptSigningKeyCommand.class, RetireDueSigningKeysCommand.class);

    /**
     * SQLSTATEs of a transaction that lost a race and was rolled back before committing: a
     * serialization failure, a deadlock, a lock not available (PostgreSQL; H2 uses the first two).
     * Axon's event store reports them as the driver gives them, not translated by Spring.
     */
    static final Set<String> LOST_RACE_STATES = Set.of("40001", "40P01", "55P03");

    /** Lost a race (an optimistic conflict, a lock, a unique key) before anything was committed. */
    static boolean isConflict(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (isLostRace(t)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isLostRace(Throwable t) {
        return t instanceof ConcurrencyException || t instanceof LockAcquisitionFailedException
                || t instanceof ConcurrencyFailureException || t instanceof DataIntegrityViolationException
                || (t instanceof SQLException sql && LOST_RACE_STATES.contains(sql.getSQLState()));
    }

    static boolean isRetryable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RotorException) {
                return false;
            }
            if (isLostRace(t) || t instanceof TransientDataAccessException || t instanceof SQLTransientException) {
                return true;
            }
        }
        return false;
    }
}
