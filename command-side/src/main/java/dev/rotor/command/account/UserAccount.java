package dev.rotor.command.account;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import dev.rotor.kernel.account.AuthenticateUserCommand;
import dev.rotor.kernel.account.AuthenticationResult;
import dev.rotor.kernel.account.ChangePasswordCommand;
import dev.rotor.kernel.account.LoginFailedEvent;
import dev.rotor.kernel.account.LoginSucceededEvent;
import dev.rotor.kernel.account.PasswordChangeResult;
import dev.rotor.kernel.account.PasswordChangedEvent;
import dev.rotor.kernel.account.RegisterUserCommand;
import dev.rotor.kernel.account.TriggerUserTokenRotationCommand;
import dev.rotor.kernel.account.UserLockedOutEvent;
import dev.rotor.kernel.account.UserRegisteredEvent;
import dev.rotor.kernel.common.ErrorCode;
import dev.rotor.kernel.common.RotorException;
import dev.rotor.kernel.token.RotationScope;
import dev.rotor.kernel.token.TokenRotatedEvent;
import dev.rotor.kernel.token.TokenVersionFloor;
import dev.rotor.kernel.token.UserRotationResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A person who can log in. Decides on password attempts (and remembers failures, which drive the
 * lockout), password changes and the user's token version.
 */
@Aggregate(cache = "accountCache", snapshotTriggerDefinition = "accountSnapshotTrigger")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class UserAccount {

    public static final String PASSWORD_CHANGED = "password_changed";

    @AggregateIdentifier
    private String userId;
    private String email;
    private String passwordHash;
    private List<String> roles;
    private long minTokenVersion;
    private int consecutiveFailures;
    private Instant lockedUntil;

    protected UserAccount() {
    }

    @CommandHandler
    public UserAccount(RegisterUserCommand command, PasswordHasher hasher, EmailRegistry emails) {
        String email = Credentials.requireValidEmail(command.email());
        Credentials.requireValidPassword("password", command.password());
        List<String> roles = Credentials.requireValidRoles(command.roles());
        if (emails.isTaken(email)) {
            throw new RotorException(ErrorCode.EMAIL_TAKEN, "email: already registered");
        }
        apply(new UserRegisteredEvent(command.userId(), email, hasher.hash(command.password()), roles,
                command.registeredBy()));
    }

    @CommandHandler
    public AuthenticationResult handle(AuthenticateUserCommand command, PasswordHasher hasher, LoginPolicy policy) {
        Instant now = GenericEventMessage.clock.instant();
        if (lockedUntil != null && now.isBefore(lockedUntil)) {
            long seconds = retryAfterSeconds(now);
            return AuthenticationResult.lockedOut(userId, seconds);
        }
        if (command.password() == null || !hasher.verify(passwordHash, command.password())) {
            recordFailure("bad_password", command.ip(), command.userAgent(), policy, now);
            return AuthenticationResult.failed(userId);
        }
        apply(new LoginSucceededEvent(userId, command.ip(), command.userAgent()));
        return new AuthenticationResult(AuthenticationResult.Outcome.SUCCEEDED, userId, email, roles,
                minTokenVersion, 0);
    }

    @CommandHandler
    public PasswordChangeResult handle(ChangePasswordCommand command, PasswordHasher hasher, LoginPolicy policy) {
        Credentials.requireValidPassword("new_password", command.newPassword());
        Instant now = GenericEventMessage.clock.instant();
        if (lockedUntil != null && now.isBefore(lockedUntil)) {
            long seconds = retryAfterSeconds(now);
            throw new RotorException(ErrorCode.TOO_MANY_ATTEMPTS, "too many failed attempts", seconds);
        }
        if (command.currentPassword() == null || !hasher.verify(passwordHash, command.currentPassword())) {
            recordFailure("bad_current_password", command.ip(), command.userAgent(), policy, now);
            return PasswordChangeResult.rejected();
        }
        apply(new PasswordChangedEvent(userId, hasher.hash(command.newPassword()), command.triggeredBy()));
        return new PasswordChangeResult(true, rotate(command.triggeredBy(), PASSWORD_CHANGED, now));
    }

    @CommandHandler
    public UserRotationResult handle(TriggerUserTokenRotationCommand command) {
        String reason = Credentials.requireValidReason(command.reason());
        return rotate(command.triggeredBy(), reason, GenericEventMessage.clock.instant());
    }

    private UserRotationResult rotate(String triggeredBy, String reason, Instant now) {
        long previous = minTokenVersion;
        apply(new TokenRotatedEvent(userId, RotationScope.USER, previous, previous + 1, 0, now, triggeredBy, reason));
        return new UserRotationResult(userId, previous, previous + 1);
    }

    /** Whole seconds until the lockout ends, rounded up: a client that waits this long gets in. */
    private long retryAfterSeconds(Instant now) {
        long millis = Duration.between(now, lockedUntil).toMillis();
        return Math.max(1, (millis + 999) / 1000);
    }

    private void recordFailure(String reason, String ip, String userAgent, LoginPolicy policy, Instant now) {
        int failures = consecutiveFailures + 1;
        apply(new LoginFailedEvent(userId, reason, failures, ip, userAgent));
        if (failures >= policy.maxFailures()) {
            apply(new UserLockedOutEvent(userId, failures, now.plus(policy.lockoutDuration())));
        }
    }

    @EventSourcingHandler
    void on(UserRegisteredEvent event) {
        this.userId = event.userId();
        this.email = event.email();
        this.passwordHash = event.passwordHash();
        this.roles = List.copyOf(event.roles());
        this.minTokenVersion = TokenVersionFloor.INITIAL_VERSION;
    }

    @EventSourcingHandler
    void on(LoginSucceededEvent event) {
        this.consecutiveFailures = 0;
        this.lockedUntil = null;
    }

    @EventSourcingHandler
    void on(LoginFailedEvent event) {
        this.consecutiveFailures = event.consecutiveFailures();
    }

    @EventSourcingHandler
    void on(UserLockedOutEvent event) {
        this.lockedUntil = event.lockedUntil();
        this.consecutiveFailures = 0;
    }

    @EventSourcingHandler
    void on(PasswordChangedEvent event) {
        this.passwordHash = event.passwordHash();
        this.consecutiveFailures = 0;
    }

    @EventSourcingHandler
    void on(TokenRotatedEvent event) {
        this.minTokenVersion = Math.max(minTokenVersion, event.newVersion());
    }
}
