package dev.rotor.app.config;

import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Database choice follows {@code ROTOR_DB_URL}: a {@code jdbc:postgresql:} URL selects PostgreSQL. */
@Configuration(proxyBeanMethods = false)
public class DatabaseConfiguration {

    @Bean
    public HibernatePropertiesCustomizer postgresBytea(@Value("${spring.datasource.url}") String url) {
        return properties -> {
            if (isPostgres(url) && !properties.containsKey("hibernate.dialect")) {
                properties.put("hibernate.dialect", RotorPostgresDialect.class.getName());
            }
        };
    }

    public static boolean isPostgres(String url) {
        return url != null && url.toLowerCase(Locale.ROOT).startsWith("jdbc:postgresql:");
    }
}
