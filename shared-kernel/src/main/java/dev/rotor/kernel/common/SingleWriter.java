package dev.rotor.kernel.common;

import java.util.Locale;
import java.util.Set;

/**
 * Whether this process is the only writer of its database, and so may keep in memory what only
 * events change (aggregates, read-model rows): every event then passes through this process. The
 * setting is {@code true}, {@code false} or {@code auto}; {@code auto} says yes only for an
 * embedded H2 database that no other process can open (a {@code mem:} or file database without
 * {@code AUTO_SERVER}), and no for anything shared (PostgreSQL, H2 over TCP, H2 with
 * {@code AUTO_SERVER} in any spelling H2 accepts). When unsure, it says no: a cache turned off
 * costs time, a cache left on across writers serves stale revocations.
 */
public final class SingleWriter {

    private static final Set<String> H2_FALSE = Set.of("false", "f", "0", "no", "n", "off");

    private SingleWriter() {
    }

    public static boolean decide(String setting, String jdbcUrl) {
        String value = setting == null ? "auto" : setting.strip().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            case "auto" -> isPrivateEmbeddedH2(jdbcUrl);
            default -> throw new IllegalArgumentException("single-writer must be true, false or auto, not " + setting);
        };
    }

    static boolean isPrivateEmbeddedH2(String jdbcUrl) {
        if (jdbcUrl == null || !jdbcUrl.regionMatches(true, 0, "jdbc:h2:", 0, 8)) {
            return false;
        }
        String[] parts = jdbcUrl.substring(8).split(";");
        String location = parts[0].toLowerCase(Locale.ROOT);
        if (location.startsWith("tcp:") || location.startsWith("ssl:") || location.startsWith("zip:")) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            String key = (eq < 0 ? parts[i] : parts[i].substring(0, eq)).strip().toUpperCase(Locale.ROOT);
            String setting = eq < 0 ? "" : parts[i].substring(eq + 1).strip().toLowerCase(Locale.ROOT);
            if (key.equals("AUTO_SERVER") && !H2_FALSE.contains(setting)) {
                return false;
            }
        }
        return true;
    }
}
