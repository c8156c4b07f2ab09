package dev.rotor.query.account;

import dev.rotor.kernel.account.FindUserQuery;
import dev.rotor.kernel.account.LoginFailedEvent;
import dev.rotor.kernel.account.LoginSucceededEvent;
import dev.rotor.kernel.account.PasswordChangedEvent;
import dev.rotor.kernel.account.UserLockedOutEvent;
import dev.rotor.kernel.account.UserRegisteredEvent;
import dev.rotor.kernel.account.UserSummary;
import dev.rotor.kernel.token.RotationScope;
import dev.rotor.kernel.token.TokenRotatedEvent;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/**
 * The user directory admins read. Nothing validates against it, so it is built by a streaming
 * (pooled) processor that tracks its position in the database token store, off the request path;
 * a reset rebuilds it from the event store.
 */
@Component
@ProcessingGroup(UserDirectoryProjection.GROUP)
public class UserDirectoryProjection {

    public static final String GROUP = "user-directory";

    private final UserDirectoryRepository users;

    public UserDirectoryProjection(UserDirectoryRepository users) {
        this.users = users;
    }

    @EventHandler
    public void on(UserRegisteredEvent event, @Timestamp Instant at) {
        users.save(new UserDirectoryEntry(event.userId(), event.email(), String.join(",", event.roles()), at));
    }

    @EventHandler
    public void on(LoginSucceededEvent event, @Timestamp Instant at) {
        update(event.userId(), user -> user.loggedIn(at));
    }

    @EventHandler
    public void on(LoginFailedEvent event) {
        update(event.userId(), user -> user.failed(event.consecutiveFailures()));
    }

    @EventHandler
    public void on(UserLockedOutEvent event) {
        update(event.userId(), user -> user.lockedUntil(event.lockedUntil()));
    }

    @EventHandler
    public void on(PasswordChangedEvent event, @Timestamp Instant at) {
        update(event.userId(), user -> user.passwordChanged(at));
    }

    @EventHandler
    public void on(TokenRotatedEvent event) {
        if (event.scope() == RotationScope.USER) {
            update(event.aggregateId(), user -> user.rotated(event.newVersion()));
        }
    }

    @QueryHandler
    public UserSummary handle(FindUserQuery query) {
        return users.findById(query.userId())
                .map(user -> new UserSummary(user.getUserId(), user.getEmail(), split(user.getRoles()),
                        user.getCreatedAt(), user.getLastLoginAt(), user.getFailedLogins(), user.getLockedUntil(),
                        user.getPasswordChangedAt(), user.getMinTokenVersion()))
                .orElse(null);
    }

    @ResetHandler
    public void reset() {
        users.deleteAllInBatch();
    }

    private void update(String userId, Consumer<UserDirectoryEntry> change) {
        users.findById(userId).ifPresent(user -> {
            change.accept(user);
            users.save(user);
        });
    }

    private static List<String> split(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }
}
