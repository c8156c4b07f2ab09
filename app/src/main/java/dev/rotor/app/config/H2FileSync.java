package dev.rotor.app.config;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Syncs the file of an embedded H2 database that writes its commits through ({@link H2CommitThrough})
 * to the device every second, straight on H2's store ({@link H2CommitThrough#sync()}; {@code
 * CHECKPOINT SYNC} would also take a connection and go through H2's statement handling). A power
 * cut takes at most about the last second, and the space of chunks H2 no longer needs can be reused
 * after seconds instead of the 45 s it otherwise waits for the operating system's own flush.
 */
final class H2FileSync implements SmartLifecycle {

    static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(H2FileSync.class);

    private final H2CommitThrough h2;
    private ScheduledExecutorService timer;
    private volatile boolean failing;

    /** Does nothing unless {@code h2} is active (an embedded H2 database writing its commits through). */
    H2FileSync(H2CommitThrough h2) {
        this.h2 = h2;
    }

    /** One sync now; what the timer runs. A failure is logged once, and the next second tries again. */
    void sync() {
        try {
            h2.sync();
            if (failing) {
                failing = false;
                log.info("H2 file sync works again");
            }
        } catch (RuntimeException e) {
            if (!failing) {
                failing = true;
                log.warn("H2 file sync failed; tried again every {} s: {}", INTERVAL.toSeconds(), e.toString());
            }
        }
    }

    boolean failing() {
        return failing;
    }

    @Override
    public synchronized void start() {
        if (h2.active() && timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "rotor-h2-sync");
                thread.setDaemon(true);
                return thread;
            });
            timer.scheduleWithFixedDelay(this::sync, INTERVAL.toMillis(), INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** H2 syncs the file itself when it closes the database, after this. */
    @Override
    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return timer != null;
    }
}
