package dev.rotor.app.config;

import java.util.Locale;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;

/**
 * The database: {@code ROTOR_DB_URL} chooses it (a {@code jdbc:postgresql:} URL selects PostgreSQL,
 * anything else is H2), and the transaction manager, which on an embedded H2 database puts each
 * commit into the file before it returns ({@link H2CommitThrough}), the file synced every second
 * ({@link H2FileSync}), and two settings of H2's connections: their cache of parsed statements, and
 * the database closed by the application rather than at JVM exit ({@link H2ConnectionSettings}).
 */
@Configuration(proxyBeanMethods = false)
public class DatabaseConfiguration {

    public static boolean isPostgres(String url) {
        return url != null && url.toLowerCase(Locale.ROOT).startsWith("jdbc:postgresql:");
    }

    /** H2's statement cache and its closing at JVM exit ({@link H2ConnectionSettings}). */
    @Bean
    static H2ConnectionSettings h2ConnectionSettings() {
        return new H2ConnectionSettings();
    }

    /** {@code rotor.h2.commit-through} ({@code ROTOR_H2_COMMIT_THROUGH}), on by default: see README. */
    @Bean
    H2CommitThrough h2CommitThrough(DataSource dataSource, @Value("${spring.datasource.url:}") String url,
                                    @Value("${rotor.h2.commit-through:true}") boolean enabled) {
        return enabled ? H2CommitThrough.of(dataSource, url) : H2CommitThrough.none();
    }

    @Bean
    H2FileSync h2FileSync(H2CommitThrough h2) {
        return new H2FileSync(h2);
    }

    /** Boot's JDBC transaction manager, plus the write of an embedded H2's commit before it returns. */
    @Bean
    JdbcTransactionManager transactionManager(DataSource dataSource, H2CommitThrough h2) {
        if (!h2.active()) {
            return new JdbcTransactionManager(dataSource);
        }
        return new JdbcTransactionManager(dataSource) {
            @Override
            protected void doCommit(DefaultTransactionStatus status) {
                super.doCommit(status);
                if (!status.isReadOnly()) {
                    h2.commitThrough();
                }
            }
        };
    }
}
