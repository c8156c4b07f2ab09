package dev.rotor.command.account;

import dev.rotor.kernel.account.UserRegisteredEvent;
import dev.rotor.kernel.readmodel.Generation;
import dev.rotor.kernel.readmodel.RebuildableReadModel;
import java.util.List;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The command side's email set: which user holds a (normalised) email. Written in the transaction
 * that appends the registration (a subscribing group); the primary key makes a second account for
 * one email fail that transaction, and with it the registration.
 */
@ProcessingGroup(EmailRegistry.NAME)
public class EmailRegistry implements RebuildableReadModel {

    public static final String NAME = "email-lookup";
    static final String TABLE = "lk_email";

    private final JdbcTemplate jdbc;
    private final String insert;
    private final String byEmail;

    public EmailRegistry(JdbcTemplate jdbc, Generation generation) {
        this.jdbc = jdbc;
        String g = generation.sql();
        this.insert = "insert into " + TABLE + " (generation, email, user_id) values (" + g + ", ?, ?)";
        this.byEmail = "select user_id from " + TABLE + " where email = ? and generation = " + g;
    }

    @EventHandler
    public void on(UserRegisteredEvent event) {
        jdbc.update(insert, event.email(), event.userId());
    }

    public Optional<String> userIdFor(String normalizedEmail) {
        return jdbc.queryForList(byEmail, String.class, normalizedEmail).stream().findFirst();
    }

    public boolean isTaken(String normalizedEmail) {
        return userIdFor(normalizedEmail).isPresent();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> tables() {
        return List.of(TABLE);
    }

    @Override
    public Object projection(Generation generation) {
        return new EmailRegistry(jdbc, generation);
    }
}
