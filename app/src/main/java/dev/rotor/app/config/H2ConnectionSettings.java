package dev.rotor.app.config;

import com.zaxxer.hikari.HikariDataSource;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Two settings of every connection to an H2 database, each given as a connection property only
 * when the URL does not name it (H2 refuses a connection whose URL and properties give one setting
 * two values). PostgreSQL is left alone.
 *
 * <ul>
 *   <li>{@code QUERY_CACHE_SIZE} {@value #STATEMENTS}: H2 keeps the last {@code QUERY_CACHE_SIZE}
 *   statements each connection prepared, parsed and planned, 8 by default. One login runs more
 *   distinct statements than that on its connection (the account's events, the email lookup, the
 *   session's events, the rows of every read model, the commit), so each one was parsed again: 12 %
 *   of a login's request-thread CPU samples went to H2's parser (JFR, 6 clients logging in),
 *   against under 1 % once the cache held them all. A cached statement costs a few kilobytes of
 *   heap.</li>
 *   <li>{@code DB_CLOSE_ON_EXIT FALSE}: the database is closed by the application's shutdown (the
 *   pool closes its connections after the web server's graceful shutdown has let the requests in
 *   flight finish), not by H2's own hook at JVM exit, which runs beside Spring's and closed the
 *   database under those requests: each failed with "Database is already closed". Not with
 *   {@code AUTO_SERVER} in the URL, which H2 allows only with its hook.</li>
 * </ul>
 */
final class H2ConnectionSettings implements BeanPostProcessor {

    static final String QUERY_CACHE_SIZE = "QUERY_CACHE_SIZE";
    static final int STATEMENTS = 64;
    static final String DB_CLOSE_ON_EXIT = "DB_CLOSE_ON_EXIT";

    static final Map<String, String> SETTINGS = Map.of(
            QUERY_CACHE_SIZE, Integer.toString(STATEMENTS),
            DB_CLOSE_ON_EXIT, "FALSE");

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource hikari) {
            SETTINGS.forEach((setting, value) -> {
                if (appliesTo(hikari.getJdbcUrl(), setting) && !hikari.getDataSourceProperties().containsKey(setting)) {
                    hikari.addDataSourceProperty(setting, value);
                }
            });
        }
        return bean;
    }

    static boolean appliesTo(String url, String setting) {
        if (!H2CommitThrough.isH2(url)) {
            return false;
        }
        String upper = url.toUpperCase(Locale.ROOT);
        // H2 refuses AUTO_SERVER with DB_CLOSE_ON_EXIT=FALSE: a file shared that way keeps H2's hook.
        return !upper.contains(setting) && !(setting.equals(DB_CLOSE_ON_EXIT) && upper.contains("AUTO_SERVER"));
    }
}
