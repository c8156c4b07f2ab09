package dev.rotor.app.config;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
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
 * under refresh load. The file is written, not synced: a commit survives its process, not a power
 * cut before the operating system flushes it.
 *
 * <p>Off unless {@code ROTOR_H2_COMMIT_THROUGH=true}: the file already grows under write load without
 * it (about 7 KB a refresh), and with it about nine times as fast (60 KB a refresh). That growth is
 * to be understood and stopped before this becomes the default.
 *
 * <p>Only an H2 database opened in this process has its store here. An H2 database reached over
 * TCP or through another process's {@code AUTO_SERVER} is written by that process, and this does
 * nothing (a warning at start says so).
 */
public final class H2CommitThrough {

    private static final Logger log = LoggerFactory.getLogger(H2CommitThrough.class);
    private static final H2CommitThrough NONE = new H2CommitThrough(null);

    private final MVStore store;

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
                return new H2CommitThrough(local.getDatabase().getStore().getMvStore());
            }
            log.warn("H2 database {} is written by another process: a commit is in its file only after that "
                    + "process's write delay", url);
            return NONE;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the H2 database " + url, e);
        }
    }

    static boolean isH2(String url) {
        return url != null && url.regionMatches(true, 0, "jdbc:h2:", 0, 8);
    }

    boolean active() {
        return store != null;
    }

    /** Stores every change committed so far (and waits for the write); nothing when there is none. */
    public void commitThrough() {
        if (store != null && !store.isClosed()) {
            store.commit();
        }
    }
}
