package dev.rotor.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.jdbcx.JdbcDataSource;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** A commit on an embedded H2 database is in the file when the transaction manager returns. */
class H2CommitThroughTest {

    @TempDir
    Path dir;

    @Test
    void aCommitLeavesNothingUnsavedInTheStore() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("rotor") + ";DB_CLOSE_DELAY=-1";
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(url);
        h2.setUser("sa");
        JdbcTemplate jdbc = new JdbcTemplate(h2);
        jdbc.execute("create table t (id int primary key)");
        MVStore store = store(h2);

        // H2 alone: committed, but only in memory until its background writer comes round.
        jdbc.update("insert into t values (1)");
        assertThat(store.hasUnsavedChanges()).isTrue();

        H2CommitThrough commitThrough = H2CommitThrough.of(h2, url);
        assertThat(commitThrough.active()).isTrue();
        JdbcTransactionManager transactions = new DatabaseConfiguration().transactionManager(h2, commitThrough);
        new TransactionTemplate(transactions).executeWithoutResult(status -> jdbc.update("insert into t values (2)"));

        assertThat(store.hasUnsavedChanges()).isFalse();
        assertThat(jdbc.queryForObject("select count(*) from t", Integer.class)).isEqualTo(2);
        assertThat(jdbc.queryForObject("select distinct setting_value from information_schema.settings "
                + "where setting_name = 'RETENTION_TIME'", Integer.class)).isEqualTo(H2CommitThrough.RETENTION_MILLIS);
    }

    @Test
    void theFileSyncRunsOnlyWithCommitThroughAndOutlivesAFailure() {
        String url = "jdbc:h2:file:" + dir.resolve("synced") + ";DB_CLOSE_DELAY=-1";
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(url);
        H2CommitThrough commitThrough = H2CommitThrough.of(h2, url);
        H2FileSync sync = new H2FileSync(commitThrough);
        sync.start();
        assertThat(sync.isRunning()).isTrue();
        sync.sync();
        assertThat(sync.failing()).isFalse();
        sync.stop();
        assertThat(sync.isRunning()).isFalse();

        H2FileSync off = new H2FileSync(H2CommitThrough.of(null, "jdbc:postgresql://db/rotor"));
        off.start();
        assertThat(off.isRunning()).isFalse();

        new JdbcTemplate(h2).execute("SHUTDOWN");
        sync.sync(); // a closed store is skipped, not an error that would stop the timer
        assertThat(sync.failing()).isFalse();
    }

    @Test
    void otherDatabasesGetThePlainTransactionManager() {
        H2CommitThrough none = H2CommitThrough.of(null, "jdbc:postgresql://db/rotor");
        assertThat(none.active()).isFalse();
        none.commitThrough();
        assertThat(H2CommitThrough.isH2("JDBC:H2:file:./data/rotor")).isTrue();
        // ROTOR_H2_COMMIT_THROUGH=false: H2's own write delay, without opening the database here.
        assertThat(new DatabaseConfiguration().h2CommitThrough(null, "jdbc:h2:file:./data/rotor", false).active())
                .isFalse();
    }

    @Test
    void concurrentCommitsAllSurviveAClosingThatStoresNothing() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("concurrent") + ";DB_CLOSE_DELAY=-1";
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(url);
        JdbcTemplate jdbc = new JdbcTemplate(h2);
        jdbc.execute("create table t (id int primary key)");
        H2CommitThrough commitThrough = H2CommitThrough.of(h2, url);
        TransactionTemplate transactions =
                new TransactionTemplate(new DatabaseConfiguration().transactionManager(h2, commitThrough));
        int threads = 8;
        int each = 150;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int thread = 0; thread < threads; thread++) {
                int first = thread * each;
                writers.add(pool.submit(() -> {
                    for (int id = first; id < first + each; id++) {
                        int row = id;
                        transactions.executeWithoutResult(status -> jdbc.update("insert into t values (?)", row));
                    }
                }));
            }
            for (Future<?> writer : writers) {
                writer.get();
            }
        } finally {
            pool.shutdownNow();
        }

        // Closes the files as a killed process leaves them: whatever was not stored is gone.
        jdbc.execute("SHUTDOWN IMMEDIATELY");
        JdbcDataSource reopened = new JdbcDataSource();
        reopened.setURL(url);
        assertThat(new JdbcTemplate(reopened).queryForObject("select count(*) from t", Integer.class))
                .as("every acknowledged commit, whichever thread's store wrote it").isEqualTo(threads * each);
    }

    private static MVStore store(JdbcDataSource h2) throws Exception {
        try (Connection connection = h2.getConnection()) {
            return ((SessionLocal) connection.unwrap(JdbcConnection.class).getSession()).getDatabase().getStore()
                    .getMvStore();
        }
    }
}
