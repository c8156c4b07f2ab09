package dev.rotor.command.account;

import dev.rotor.kernel.common.ErrorCode;
import dev.rotor.kernel.common.RotorException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The bounded line in front of password hashing. At most {@code concurrency} hashes run at once;
 * at most {@code maxWaiting} more wait for their turn, first come first served, each for at most
 * {@code maxWait}. A hash beyond that is refused with {@code 503 server_busy} and a Retry-After of
 * {@code maxWait} (rounded up to whole seconds): by then everything in the line that refused it has
 * been served or refused. Refusing at once keeps a login flood from holding the web threads (and,
 * for known emails, pooled database connections) that token validation and refresh need.
 *
 * <p>Hashes run on {@code concurrency} threads of their own, while the request's thread waits for
 * the answer. Those threads can run at a lower OS priority ({@link LowPriorityThreads}): under a
 * flood the cores then go to token validation and refresh first, and hashing takes the rest; the
 * price is that hashing also yields to anything else busy on the machine. A hashing thread keeps its
 * working memory ({@code memory-kib}, 19 MiB by default) from one hash to the next, and ends, freeing
 * it, after {@code keepAlive} with nothing to hash: a node that logs nobody in for a while does not
 * hold one block per core.
 *
 * <p>A refused hash is no verdict on the password: it is thrown before any decision, so callers
 * record no failed login and count nothing toward a lockout.
 */
public final class PasswordHashingLine {

    /** How long an idle hashing thread stays, unless configured otherwise. */
    public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(30);

    private final int concurrency;
    private final int capacity;
    private final Semaphore turns;
    private final ExecutorService workers;
    private final AtomicInteger admitted = new AtomicInteger();
    private final long maxWaitNanos;
    private final long retryAfterSeconds;

    public PasswordHashingLine(int concurrency, int maxWaiting, Duration maxWait) {
        this(concurrency, maxWaiting, maxWait, 0, DEFAULT_KEEP_ALIVE);
    }

    /**
     * @param niceness Linux nice value of the hashing threads, 0 (normal) to 19 (lowest priority)
     * @param keepAlive how long a hashing thread with nothing to hash waits for more before it ends
     *     and frees its working memory ({@link Argon2idWorkingMemory}); the next hash starts a thread
     */
    public PasswordHashingLine(int concurrency, int maxWaiting, Duration maxWait, int niceness, Duration keepAlive) {
        if (concurrency < 1 || maxWaiting < 0 || maxWait == null || maxWait.isNegative() || maxWait.isZero()
                || keepAlive == null || keepAlive.isNegative() || keepAlive.isZero()) {
            throw new IllegalArgumentException(
                    "need concurrency >= 1, maxWaiting >= 0, and a positive maxWait and keepAlive");
        }
        this.concurrency = concurrency;
        this.capacity = concurrency + maxWaiting;
        this.turns = new Semaphore(concurrency, true);
        ThreadPoolExecutor threads = new ThreadPoolExecutor(concurrency, concurrency, keepAlive.toNanos(),
                TimeUnit.NANOSECONDS, new LinkedBlockingQueue<>(),
                new LowPriorityThreads("password-hashing-", niceness, Argon2idWorkingMemory::freeThreadBlock));
        threads.allowCoreThreadTimeOut(true);
        this.workers = threads;
        this.maxWaitNanos = maxWait.toNanos();
        this.retryAfterSeconds = Math.max(1, (maxWait.toMillis() + 999) / 1000);
    }

    public static PasswordHashingLine of(PasswordHashingProperties properties) {
        return new PasswordHashingLine(properties.effectiveConcurrency(), properties.effectiveMaxWaiting(),
                properties.maxWait(), properties.niceness(), properties.threadKeepAlive());
    }

    /**
     * Runs {@code hashing} when its turn comes.
     *
     * @throws RotorException {@link ErrorCode#SERVER_BUSY} when the line is full, or when the turn
     *     does not come within the maximum wait
     */
    public <T> T run(Supplier<T> hashing) {
        if (admitted.getAndUpdate(n -> n < capacity ? n + 1 : n) >= capacity) {
            throw busy();
        }
        try {
            if (!turns.tryAcquire(maxWaitNanos, TimeUnit.NANOSECONDS)) {
                throw busy();
            }
            Future<T> answer;
            try {
                // The turn is given back when the hash ends, even if this thread stops waiting for it.
                answer = workers.submit(() -> {
                    try {
                        return hashing.get();
                    } finally {
                        turns.release();
                    }
                });
            } catch (RuntimeException rejected) {
                turns.release();
                throw rejected;
            }
            return answer.get();
        } catch (ExecutionException failed) {
            Throwable cause = failed.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy();
        } finally {
            admitted.decrementAndGet();
        }
    }

    /**
     * Refuses at once, as {@link #run} would, when the line is full right now: lets a caller turn
     * a request away before it spends anything (lookups, a command) on a hash that would be refused.
     * A line with room may still refuse in {@link #run}.
     */
    public void refuseWhenFull() {
        if (isFull()) {
            throw busy();
        }
    }

    /** Whether a hash asked for right now would be refused at once. */
    public boolean isFull() {
        return admitted.get() >= capacity;
    }

    /** The Retry-After of a refusal, in seconds. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** The detail of a refusal's problem document. */
    public static final String BUSY_DETAIL = "too many logins at once; try again shortly";

    /** Hashes running or waiting right now. */
    public int admitted() {
        return admitted.get();
    }

    public int concurrency() {
        return concurrency;
    }

    /** Hashes running plus hashes waiting that the line holds before it refuses. */
    public int capacity() {
        return capacity;
    }

    private RotorException busy() {
        return new RotorException(ErrorCode.SERVER_BUSY, BUSY_DETAIL, retryAfterSeconds);
    }
}
