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

/**
 * The server's H2 connections keep {@value H2ConnectionSettings#STATEMENTS} parsed statements each,
 * and leave closing the database to the application.
 */
class H2ConnectionSettingsTest {

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
                + "where setting_name = '" + H2ConnectionSettings.QUERY_CACHE_SIZE + "'", String.class);
    }

    @Test
    void theServersH2ConnectionsCacheEveryStatementItRuns() {
        server("jdbc:h2:file:" + dir.resolve("rotor")).run(context -> {
            HikariDataSource dataSource = context.getBean(HikariDataSource.class);
            assertThat(dataSource.getDataSourceProperties()).containsEntry(H2ConnectionSettings.QUERY_CACHE_SIZE, "64")
                    .containsEntry(H2ConnectionSettings.DB_CLOSE_ON_EXIT, "FALSE");
            assertThat(setting(dataSource)).isEqualTo(Integer.toString(H2ConnectionSettings.STATEMENTS));
            dataSource.close();
        });
    }

    @Test
    void aSizeInTheUrlIsTheOneUsedAndTheConnectionOpens() {
        server("jdbc:h2:file:" + dir.resolve("own") + ";query_cache_size=16;db_close_on_exit=true").run(context -> {
            HikariDataSource dataSource = context.getBean(HikariDataSource.class);
            assertThat(dataSource.getDataSourceProperties()).doesNotContainKey(H2ConnectionSettings.QUERY_CACHE_SIZE)
                    .doesNotContainKey(H2ConnectionSettings.DB_CLOSE_ON_EXIT);
            assertThat(setting(dataSource)).isEqualTo("16");
            dataSource.close();
        });
    }

    @Test
    void otherDatabasesAreLeftAlone() {
        for (String setting : H2ConnectionSettings.SETTINGS.keySet()) {
            assertThat(H2ConnectionSettings.appliesTo("jdbc:postgresql://db:5432/rotor", setting)).isFalse();
            assertThat(H2ConnectionSettings.appliesTo(null, setting)).isFalse();
            assertThat(H2ConnectionSettings.appliesTo("jdbc:h2:file:./data/rotor", setting)).isTrue();
        }
        assertThat(H2ConnectionSettings.appliesTo("jdbc:h2:file:./data/rotor;AUTO_SERVER=TRUE",
                H2ConnectionSettings.DB_CLOSE_ON_EXIT)).as("H2 refuses the pair").isFalse();
        assertThat(H2ConnectionSettings.appliesTo("jdbc:h2:file:./data/rotor;AUTO_SERVER=TRUE",
                H2ConnectionSettings.QUERY_CACHE_SIZE)).isTrue();
        HikariDataSource postgres = new HikariDataSource();
        postgres.setJdbcUrl("jdbc:postgresql://db:5432/rotor");
        new H2ConnectionSettings().postProcessBeforeInitialization(postgres, "dataSource");
        assertThat(postgres.getDataSourceProperties()).isEmpty();
    }
}
