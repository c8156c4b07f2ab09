package dev.rotor.app.config;

import java.util.Locale;

/** Database choice follows {@code ROTOR_DB_URL}: a {@code jdbc:postgresql:} URL selects PostgreSQL. */
public final class DatabaseConfiguration {

    private DatabaseConfiguration() {
    }

    public static boolean isPostgres(String url) {
        return url != null && url.toLowerCase(Locale.ROOT).startsWith("jdbc:postgresql:");
    }
}
