package dev.rotor.app.e2e;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A database's tables, columns and indexes as JDBC metadata describes them, names of indexes and
 * constraints left out (H2 names a primary key CONSTRAINT_8 where PostgreSQL says
 * domain_event_entry_pkey): two databases with equal shapes have the same schema.
 */
public record SchemaShape(Set<String> columns, Set<String> indexes) {

    /** The shape of the schema (PUBLIC on H2, public on PostgreSQL) {@code dataSource} connects to. */
    public static SchemaShape of(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            String schema = connection.getSchema();
            Set<String> columns = new TreeSet<>();
            Set<String> indexes = new TreeSet<>();
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = meta.getTables(null, schema, "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_NAME"));
                }
            }
            for (String table : tables) {
                String name = table.toLowerCase(Locale.ROOT);
                try (ResultSet rs = meta.getColumns(null, schema, table, "%")) {
                    while (rs.next()) {
                        columns.add(name + "." + rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT) + " "
                                + rs.getString("TYPE_NAME").toLowerCase(Locale.ROOT) + "(" + rs.getInt("COLUMN_SIZE")
                                + ")" + (rs.getInt("NULLABLE") == DatabaseMetaData.columnNoNulls ? " not null" : ""));
                    }
                }
                Map<String, Map<Integer, String>> byIndex = new TreeMap<>();
                Map<String, Boolean> unique = new TreeMap<>();
                try (ResultSet rs = meta.getIndexInfo(null, schema, table, false, false)) {
                    while (rs.next()) {
                        String index = rs.getString("INDEX_NAME");
                        if (index == null) {
                            continue;
                        }
                        byIndex.computeIfAbsent(index, i -> new TreeMap<>()).put((int) rs.getShort("ORDINAL_POSITION"),
                                rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                        unique.put(index, !rs.getBoolean("NON_UNIQUE"));
                    }
                }
                byIndex.forEach((index, indexColumns) -> indexes.add((unique.get(index) ? "unique " : "") + name + " ("
                        + String.join(", ", indexColumns.values()) + ")"));
            }
            return new SchemaShape(columns, indexes);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The shape a database gets from Rotor's migrations alone, applied to the empty {@code dataSource}. */
    public static SchemaShape migrated(DataSource dataSource, String vendor) {
        Flyway.configure().dataSource(dataSource)
                .locations("classpath:db/migration/common", "classpath:db/migration/" + vendor)
                .load().migrate();
        return of(dataSource);
    }

    /**
     * The versions Flyway recorded, in order, with their success: "0 BASELINE true", "1 SQL true",
     * ... (its unversioned bookkeeping rows left out).
     */
    public static List<String> history(DataSource dataSource) {
        return new JdbcTemplate(dataSource).query("select \"version\", \"type\", \"success\" from "
                        + "\"flyway_schema_history\" where \"version\" is not null order by \"installed_rank\"",
                (rs, n) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getBoolean(3));
    }
}
