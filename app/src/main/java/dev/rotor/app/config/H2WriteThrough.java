package dev.rotor.app.config;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.springframework.beans.factory.BeanInitializationException;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * H2 acknowledges a commit from memory and writes its file up to {@code WRITE_DELAY} later (500 ms
 * by default), so a process that dies (SIGKILL, the kernel's OOM killer) takes its last half-second
 * of commits with it: a logout whose 204 the client has, a rotation whose new refresh token the
 * client now holds, a signing key that signed tokens. After a restart the revoked session would be
 * live again, and the client's refresh token unknown. {@code SET WRITE_DELAY 0} makes every commit
 * write its changes to the file before the statement returns. It is set on every start, before
 * any other use of the data source, because H2 stores the setting but does not apply the stored
 * value when it opens a database again.
 *
 * <p>The file is written, not synced: a commit survives the death of the process, as the operating
 * system holds the written pages, but not a power cut before the system flushes them. A site that
 * needs that runs PostgreSQL.
 */
final class H2WriteThrough implements BeanPostProcessor {

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource hikari) {
            if (hikari.getJdbcUrl() != null && hikari.getJdbcUrl().regionMatches(true, 0, "jdbc:h2:", 0, 8)) {
                writeThroughIfH2(hikari, beanName);
            }
        } else if (bean instanceof DataSource dataSource) {
            writeThroughIfH2(dataSource, beanName);
        }
        return bean;
    }

    static void writeThroughIfH2(DataSource dataSource, String name) {
        try (Connection connection = dataSource.getConnection()) {
            if ("H2".equals(connection.getMetaData().getDatabaseProductName())) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SET WRITE_DELAY 0");
                }
            }
        } catch (SQLException e) {
            throw new BeanInitializationException("cannot make the H2 database of " + name
                    + " write its commits through (SET WRITE_DELAY 0 needs an admin user)", e);
        }
    }
}
