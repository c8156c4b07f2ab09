package dev.rotor.app.readmodel;

import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The instant at which a rebuilt generation takes over. Until then the live projections write the
 * active generation in the transactions that append events; the switch must see every one of those
 * committed, and every later one must write the new generation. So the switch runs while no event
 * can be appended:
 *
 * <ul>
 * <li>PostgreSQL (any number of nodes): the switch transaction locks the event table in
 *     {@code SHARE ROW EXCLUSIVE} mode. That waits for every transaction that has inserted an event
 *     (and so may have written the old generation) to commit, and holds back every new insert until
 *     the switch commits; a live projection runs after its insert, and then reads the new active
 *     generation. Readers are never blocked.</li>
 * <li>Embedded H2 (one process): every unit of work that runs a live projection holds a shared
 *     lock from its first handler until it has committed; the switch takes the exclusive lock.</li>
 * </ul>
 */
final class AppendFence implements MessageHandlerInterceptor<EventMessage<?>> {

    private static final String HELD = AppendFence.class.getName() + ".held";
    static final String POSTGRES_LOCK = "lock table domain_event_entry in share row exclusive mode";

    private final boolean postgres;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

    AppendFence(boolean postgres, JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.postgres = postgres;
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** Runs {@code work} in one transaction during which no event is appended anywhere. */
    <T> T inTransactionWithAppendsPaused(Supplier<T> work) {
        if (postgres) {
            return transactions.execute(status -> {
                jdbc.execute(POSTGRES_LOCK);
                return work.get();
            });
        }
        lock.writeLock().lock();
        try {
            return transactions.execute(status -> work.get());
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        if (!postgres) {
            UnitOfWork<?> root = unitOfWork.root();
            if (root.resources().putIfAbsent(HELD, Boolean.TRUE) == null) {
                lock.readLock().lock();
                root.onCleanup(u -> lock.readLock().unlock());
            }
        }
        return chain.proceed();
    }
}
