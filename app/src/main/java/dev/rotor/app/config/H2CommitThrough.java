package dev.rotor.app.config;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts every commit of an embedded H2 database into its file before the commit returns.
 *
 * <p>H2 acknowledges a commit from memory, and its background writer stores it up to
 * {@code WRITE_DELAY} (500 ms) later, so a process that dies (SIGKILL, the kernel's OOM killer)
 * loses its last half-second of commits: a logout whose 204 the client has, a rotation whose new
 * refresh token the client now holds. After a restart the revoked session would be live again, and
 * the client's refresh token unknown. {@link #commitThrough()}, called after each transaction's
 * commit, stores the changes at once and waits until they are written ({@link MVStore#commit()}).
 *
 * <p>Not {@code SET WRITE_DELAY 0}, which does the same from inside H2: it also stops H2's
 * background writer, and with it the compaction of the file, which then grew by gigabytes a minute
 * under refresh load. A commit is written, not synced, before it returns: it survives the death of
 * its process at once, and a power cut once the next sync has run, within a second.
 *
 * <p>Each store is then a chunk of its own (one per commit, or per group of concurrent commits),
 * and H2 keeps a chunk it no longer needs for {@code RETENTION_TIME} (45 s by default) before
 * reusing its space, because it never syncs the file and counts on the operating system to have
 * flushed it by then. At about 60 KB a refresh, 45 s of chunks made the file grow by 4 GB in 75 s
 * of refresh load. Here the file is synced every second ({@link H2FileSync}) and chunks are kept
 * {@value #RETENTION_MILLIS} ms: the same load left 727 MB at 1,013 refreshes/s, against 850 MB at
 * 1,663/s with H2's defaults and no commit-through. After a power cut, the newest synced state
 * never refers to a chunk whose space was reused.
 */
public final class H2CommitThrough {

    private static final Logger log = LoggerFactory.getLogger(H2CommitThrough.class);
    private static final H2CommitThrough NONE = new H2CommitThrough(null);
    /** How long H2 keeps a chunk it no longer needs before reusing its space; see the class comment. */
    static final int RETENTION_MILLIS = 3_000;

    private final MVStore store;
    /** Handed out after each commit, in order. */
    private final AtomicLong tickets = new AtomicLong();
    /** Every ticket up to this one is in the file. Written only under {@link #storing}. */
    private volatile long stored;
    private final ReentrantLock storing = new ReentrantLock();

    private H2CommitThrough(MVStore store) {
        this.store = store;
    }

    /** The store of {@code dataSource}'s database when it is H2 opened in this process; else a no-op. */
    static H2CommitThrough of(DataSource dataSource, String url) {
        if (!isH2(url)) {
            return NONE;
        }
        try (Connection connection = dataSource.getConnection()) {
            JdbcConnection h2 = connection.unwrap(JdbcConnection.class);
            if (h2.getSession() instanceof SessionLocal local && local.getDatabase().getStore() != null) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SET RETENTION_TIME " + RETENTION_MILLIS);
                }
                return new H2CommitThrough(local.getDatabase().getStore().getMvStore());
            }
            log.warn("H2 database {} is written by another process: a commit is in its file only after that "
                    + "process's write delay", url);
            return NONE;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the H2 database " + url, e);
        }
    }

    /** Commit-through off: commits reach the file within H2's own write delay. */
    static H2CommitThrough none() {
        return NONE;
    }

    static boolean isH2(String url) {
        return url != null && url.regionMatches(true, 0, "jdbc:h2:", 0, 8);
    }

    boolean active() {
        return store != null;
    }

    /**
     * Nothing was left to store: H2's own background writer may have taken these changes into a chunk
     * it hands to its writing threads without waiting. Returns once they have written everything
     * handed to them. (A store of this thread's own waits for its write, and so for every earlier one:
     * each of those threads works through its tasks in order.)
     */
    private void awaitBackgroundWrites() {
        FileStore<?> file = store.getFileStore();
        if (file != null) {
            file.executeFileStoreOperation(() -> { });
        }
    }

    /** Syncs the file to the device ({@link MVStore#sync()}); nothing when this is not active. */
    public void sync() {
        if (store != null && !store.isClosed()) {
            store.sync();
        }
    }

    /**
     * Returns once every change committed so far is in the file: by storing them, or by waiting for a
     * store that began after this thread's commit (group commit).
     *
     * <p>Each caller takes a ticket after its transaction committed. A store reads the last ticket
     * handed out before it starts, so it holds the commits of every ticket up to that one, and a
     * waiting caller whose ticket it covers returns without a store of its own. Under load one chunk
     * then holds the commits of every request that finished while the previous chunk was written,
     * instead of one chunk each: less serialising of the same upper B-tree pages, fewer chunks to
     * write and to reclaim.
     */
    public void commitThrough() {
        if (store == null) {
            return;
        }
        long ticket = tickets.incrementAndGet();
        if (stored >= ticket) {
            return;
        }
        storing.lock();
        try {
            if (stored < ticket && !store.isClosed()) {
                long covered = tickets.get();
                if (store.commit() < 0) {
                    awaitBackgroundWrites();
                }
                stored = covered;
            }
        } finally {
            storing.unlock();
        }
    }
}
