package dev.rotor.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

/** The server's H2 connections keep {@value H2QueryCache#STATEMENTS} parsed statements each. */
class H2QueryCacheTest {

    @TempDir
    Path dir;

    private ApplicationContextRunner server(String url) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
                .withUserConfiguration(DatabaseConfiguration.class)
                .withPropertyValues("spring.datasource.url=" + url, "rotor.h2.commit-through=false");
    }

    private static String setting(DataSource dataSource) {
        return new JdbcTemplate(dataSource).queryForObject("select setting_value from information_schema.settings "
                + "where setting_name = '" + H2QueryCache.SETTING + "'", String.class);
    }

    @Test
    void theServersH2ConnectionsCacheEveryStatementItRuns() {
        server("jdbc:h2:file:" + dir.resolve("rotor")).run(context -> {
            HikariDataSource dataSource = context.getBean(HikariDataSource.class);
            assertThat(dataSource.getDataSourceProperties()).containsEntry(H2QueryCache.SETTING, "64");
            assertThat(setting(dataSource)).isEqualTo(Integer.toString(H2QueryCache.STATEMENTS));
            dataSource.close();
        });
    }

    @Test
    void aSizeInTheUrlIsTheOneUsedAndTheConnectionOpens() {
        server("jdbc:h2:file:" + dir.resolve("own") + ";query_cache_size=16").run(context -> {
            HikariDataSource dataSource = context.getBean(HikariDataSource.class);
            assertThat(dataSource.getDataSourceProperties()).doesNotContainKey(H2QueryCache.SETTING);
            assertThat(setting(dataSource)).isEqualTo("16");
            dataSource.close();
        });
    }

    @Test
    void otherDatabasesAreLeftAlone() {
        assertThat(H2QueryCache.appliesTo("jdbc:postgresql://db:5432/rotor")).isFalse();
        assertThat(H2QueryCache.appliesTo(null)).isFalse();
        assertThat(H2QueryCache.appliesTo("jdbc:h2:file:./data/rotor")).isTrue();
        HikariDataSource postgres = new HikariDataSource();
        postgres.setJdbcUrl("jdbc:postgresql://db:5432/rotor");
        new H2QueryCache().postProcessBeforeInitialization(postgres, "dataSource");
        assertThat(postgres.getDataSourceProperties()).isEmpty();
    }
}
