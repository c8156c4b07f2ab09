package dev.rotor.query.account;

import dev.rotor.kernel.account.FindUserQuery;
import dev.rotor.kernel.account.LoginFailedEvent;
import dev.rotor.kernel.account.LoginSucceededEvent;
import dev.rotor.kernel.account.MfaDisabledEvent;
import dev.rotor.kernel.account.MfaEnabledEvent;
import dev.rotor.kernel.account.MfaResetEvent;
import dev.rotor.kernel.account.UserUnlockedEvent;
import dev.rotor.kernel.account.PasswordChangedEvent;
import dev.rotor.kernel.account.UserLockedOutEvent;
import dev.rotor.kernel.account.UserRegisteredEvent;
import dev.rotor.kernel.account.UserSummary;
import dev.rotor.kernel.readmodel.Generation;
import dev.rotor.kernel.readmodel.RebuildableReadModel;
import dev.rotor.kernel.token.RotationScope;
import dev.rotor.kernel.token.TokenRotatedEvent;
import dev.rotor.query.readmodel.SqlTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The user directory admins read: one row per account, never a password hash. Subscribing like
 * every read model, so an account an admin just created is there on the next request.
 */
@ProcessingGroup(UserDirectoryProjection.NAME)
public class UserDirectoryProjection implements RebuildableReadModel {

    public static final String NAME = "user-directory";
    static final String TABLE = "rm_user_directory";

    private final JdbcTemplate jdbc;
    private final String g;

    public UserDirectoryProjection(JdbcTemplate jdbc, Generation generation) {
        this.jdbc = jdbc;
        this.g = generation.sql();
    }

    @EventHandler
    public void on(UserRegisteredEvent event, @Timestamp Instant at) {
        jdbc.update("insert into " + TABLE + " (generation, user_id, email, roles, created_at, failed_logins, "
                + "min_token_version, mfa_enabled) values (" + g + ", ?, ?, ?, ?, 0, 1, false)",
                event.userId(), event.email(), String.join(",", event.roles()), SqlTime.of(at));
    }

    @EventHandler
    public void on(LoginSucceededEvent event, @Timestamp Instant at) {
        update("last_login_at = ?, failed_logins = 0", event.userId(), SqlTime.of(at));
    }

    @EventHandler
    public void on(LoginFailedEvent event) {
        update("failed_logins = ?", event.userId(), event.consecutiveFailures());
    }

    @EventHandler
    public void on(UserLockedOutEvent event) {
        update("locked_until = ?", event.userId(), SqlTime.of(event.lockedUntil()));
    }

    @EventHandler
    public void on(PasswordChangedEvent event, @Timestamp Instant at) {
        update("password_changed_at = ?", event.userId(), SqlTime.of(at));
    }

    @EventHandler
    public void on(TokenRotatedEvent event) {
        if (event.scope() == RotationScope.USER) {
            jdbc.update("update " + TABLE + " set min_token_version = ? where user_id = ? and generation = " + g
                    + " and min_token_version < ?", event.newVersion(), event.aggregateId(), event.newVersion());
        }
    }

    @EventHandler
    public void on(UserUnlockedEvent event) {
        jdbc.update("update " + TABLE + " set locked_until = null, failed_logins = 0 where user_id = ? and generation = "
                + g, event.userId());
    }

    @EventHandler
    public void on(MfaEnabledEvent event) {
        update("mfa_enabled = ?", event.userId(), true);
    }

    @EventHandler
    public void on(MfaDisabledEvent event) {
        update("mfa_enabled = ?", event.userId(), false);
    }

    @EventHandler
    public void on(MfaResetEvent event) {
        update("mfa_enabled = ?", event.userId(), false);
    }

    @QueryHandler
    public UserSummary handle(FindUserQuery query) {
        return jdbc.query("select * from " + TABLE + " where user_id = ? and generation = " + g,
                UserDirectoryProjection::summary, query.userId()).stream().findFirst().orElse(null);
    }

    private void update(String assignments, String userId, Object value) {
        jdbc.update("update " + TABLE + " set " + assignments + " where user_id = ? and generation = " + g, value,
                userId);
    }

    private static UserSummary summary(ResultSet rs, int row) throws SQLException {
        String roles = rs.getString("roles");
        return new UserSummary(rs.getString("user_id"), rs.getString("email"),
                roles == null || roles.isEmpty() ? List.of() : List.copyOf(Arrays.asList(roles.split(","))),
                SqlTime.read(rs, "created_at"), SqlTime.read(rs, "last_login_at"), rs.getInt("failed_logins"),
                SqlTime.read(rs, "locked_until"), SqlTime.read(rs, "password_changed_at"),
                rs.getLong("min_token_version"), rs.getBoolean("mfa_enabled"));
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
        return new UserDirectoryProjection(jdbc, generation);
    }
}
