package dev.rotor.app.keys;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The rows of {@code rotor_key_material}, by plain SQL. Each call joins the caller's transaction
 * when there is one (a rotated-in key is written with the events that announce it).
 */
@Repository
public class KeyMaterialRepository {

    private static final String COLUMNS = "select name, material, created_at from rotor_key_material";

    private final JdbcTemplate jdbc;

    public KeyMaterialRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<KeyMaterialEntry> findById(String name) {
        return jdbc.query(COLUMNS + " where name = ?", KeyMaterialRepository::entry, name).stream().findFirst();
    }

    public List<KeyMaterialEntry> findAll() {
        return jdbc.query(COLUMNS, KeyMaterialRepository::entry);
    }

    /**
     * Adds a row. A row of that name already there (another node made it first) fails with
     * {@link org.springframework.dao.DuplicateKeyException}: a row is never overwritten.
     */
    public void insert(KeyMaterialEntry entry) {
        jdbc.update("insert into rotor_key_material (name, material, created_at) values (?, ?, ?)",
                entry.getName(), entry.getMaterial(), Timestamp.from(entry.getCreatedAt()));
    }

    /**
     * Replaces a row's material only while it still is {@code expected}: of several nodes sealing
     * the same clear row at once, exactly one changes it (answer 1), the others see 0.
     */
    public int replaceMaterial(String name, String expected, String replacement) {
        return jdbc.update("update rotor_key_material set material = ? where name = ? and material = ?",
                replacement, name, expected);
    }

    private static KeyMaterialEntry entry(ResultSet row, int rowNumber) throws SQLException {
        return new KeyMaterialEntry(row.getString("name"), row.getString("material"),
                row.getTimestamp("created_at").toInstant());
    }
}
