package dev.rotor.app.config;

import com.zaxxer.hikari.HikariDataSource;
import java.util.Locale;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * A larger cache of parsed statements for each connection to an H2 database.
 *
 * <p>H2 keeps the last {@code QUERY_CACHE_SIZE} statements each connection prepared, parsed and
 * planned, 8 by default. One login runs more distinct statements than that on its connection (the
 * account's events, the email lookup, the session's events, the rows of every read model, the
 * commit), so each one was parsed again: 12 % of a login's request-thread CPU samples went to H2's
 * parser (JFR, 6 clients logging in), against under 1 % once the cache held them all. A cached
 * statement costs a few kilobytes of heap; {@value #STATEMENTS} of them per pooled connection
 * hold every statement the server runs.
 *
 * <p>Set as a connection property, only when the URL does not name the setting itself (H2 refuses a
 * connection whose URL and properties give one setting two values). PostgreSQL's driver keeps its
 * own cache of prepared statements per connection.
 */
final class H2QueryCache implements BeanPostProcessor {

    static final String SETTING = "QUERY_CACHE_SIZE";
    static final int STATEMENTS = 64;

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource hikari && appliesTo(hikari.getJdbcUrl())
                && !hikari.getDataSourceProperties().containsKey(SETTING)) {
            hikari.addDataSourceProperty(SETTING, Integer.toString(STATEMENTS));
        }
        return bean;
    }

    static boolean appliesTo(String url) {
        return H2CommitThrough.isH2(url) && !url.toUpperCase(Locale.ROOT).contains(SETTING);
    }
}
