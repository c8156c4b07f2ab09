package dev.rotor.app.config;

import java.util.Locale;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The database: {@code ROTOR_DB_URL} chooses it (a {@code jdbc:postgresql:} URL selects PostgreSQL,
 * anything else is H2), and an H2 database is made to write every commit through before it is
 * acknowledged ({@link H2WriteThrough}).
 */
@Configuration(proxyBeanMethods = false)
public class DatabaseConfiguration {

    public static boolean isPostgres(String url) {
        return url != null && url.toLowerCase(Locale.ROOT).startsWith("jdbc:postgresql:");
    }

    /** Static: a post-processor is made before the beans it processes, so it must not need this class's instance. */
    @Bean
    static BeanPostProcessor h2WriteThrough() {
        return new H2WriteThrough();
    }
}
