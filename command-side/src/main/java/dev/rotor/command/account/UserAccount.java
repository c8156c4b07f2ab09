package dev.rotor.command.account;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import dev.rotor.kernel.account.AuthenticateUserCommand;
import dev.rotor.kernel.account.AuthenticationResult;
import dev.rotor.kernel.account.ChangePasswordCommand;
import dev.rotor.kernel.account.ConfirmTotpEnrolmentCommand;
import dev.rotor.kernel.account.DisableMfaCommand;
import dev.rotor.kernel.account.LoginFailedEvent;
import dev.rotor.kernel.account.LoginSucceededEvent;
import dev.rotor.kernel.account.MfaChallengeIssuedEvent;
import dev.rotor.kernel.account.MfaDisabledEvent;
import dev.rotor.kernel.account.MfaEnabledEvent;
import dev.rotor.kernel.account.MfaResetEvent;
import dev.rotor.kernel.account.PasswordChangeResult;
import dev.rotor.kernel.account.PasswordChangedEvent;
import dev.rotor.kernel.account.RecoveryCodeUsedEvent;
import dev.rotor.kernel.account.RegisterUserCommand;
import dev.rotor.kernel.account.ResetMfaCommand;
import dev.rotor.kernel.account.StartTotpEnrolmentCommand;
import dev.rotor.kernel.account.TotpCodeUsedEvent;
import dev.rotor.kernel.account.TotpEnrolmentStartedEvent;
import dev.rotor.kernel.account.TriggerUserTokenRotationCommand;
import dev.rotor.kernel.account.UnlockUserCommand;
import dev.rotor.kernel.account.UserLockedOutEvent;
import dev.rotor.kernel.account.UserRegisteredEvent;
import dev.rotor.kernel.account.UserUnlockedEvent;
import dev.rotor.kernel.account.VerifySecondFactorCommand;
import dev.rotor.kernel.common.ErrorCode;
import dev.rotor.kernel.common.RotorException;
import dev.rotor.kernel.token.RotationScope;
import dev.rotor.kernel.token.TokenRotatedEvent;
import dev.rotor.kernel.token.TokenVersionFloor;
import dev.rotor.kernel.token.UserRotationResult;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A person who can log in. Decides on password attempts and second factors (and remembers
 * failures, which drive the lockout), password changes, MFA enrolment and the user's token version.
 */
@Aggregate(cache = "accountCache", snapshotTriggerDefinition = "accountSnapshotTrigger")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class UserAccount {

    public static final String PASSWORD_CHANGED = "password_changed";
    /** How long the {@code mfa_token} of a right password stays good for its one attempt (API.md). */
    public static final Duration MFA_CHALLENGE_LIFETIME = Duration.ofMinutes(5);
    static final String BAD_MFA_CODE = "bad_mfa_code";

    @AggregateIdentifier
    private String userId;
    private String email;
    private String passwordHash;
    private List<String> roles;
    private long minTokenVersion;
    private RecentRotations recentRotations = new RecentRotations();
    private Lockout lockout = Lockout.NONE;
    // MFA: secrets only ever sealed under the master key.
    private String pendingTotpSecret;
    private String totpSecret;
    private List<String> recoveryCodeHashes = List.of();
    private Set<Integer> usedRecoveryCodes = new HashSet<>();
    private long lastTotpStep = -1;
    private String mfaChallengeHash;
    private Instant mfaChallengeExpiresAt;

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
        if (lockout.lockedAt(now)) {
            return AuthenticationResult.lockedOut(userId, lockout.retryAfterSeconds(now));
        }
        if (command.password() == null || !hasher.verify(passwordHash, command.password())) {
            recordFailure("bad_password", command.ip(), command.userAgent(), policy, now);
            return AuthenticationResult.failed(userId);
        }
        if (mfaEnabled()) {
            if (command.mfaChallengeHash() == null) {
                throw new IllegalArgumentException("a login of an MFA user needs a challenge");
            }
            // Not a completed login: the failure count stands until the second factor is right.
            apply(new MfaChallengeIssuedEvent(userId, command.mfaChallengeHash(), now.plus(MFA_CHALLENGE_LIFETIME)));
            return AuthenticationResult.mfaRequired(userId);
        }
        apply(new LoginSucceededEvent(userId, command.ip(), command.userAgent()));
        return succeeded();
    }

    @CommandHandler
    public AuthenticationResult handle(VerifySecondFactorCommand command, SecretCipher cipher, LoginPolicy policy) {
        Instant now = GenericEventMessage.clock.instant();
        if (lockout.lockedAt(now)) {
            return AuthenticationResult.lockedOut(userId, lockout.retryAfterSeconds(now));
        }
        if (!mfaEnabled() || mfaChallengeHash == null || !mfaChallengeHash.equals(command.challengeHash())
                || !now.isBefore(mfaChallengeExpiresAt)) {
            return AuthenticationResult.challengeInvalid(userId);
        }
        if (!proveSecondFactor(command.code(), "login", cipher, now)) {
            recordFailure(BAD_MFA_CODE, command.ip(), command.userAgent(), policy, now);
            return AuthenticationResult.failed(userId);
        }
        apply(new LoginSucceededEvent(userId, command.ip(), command.userAgent()));
        return succeeded();
    }

    @CommandHandler
    public void handle(StartTotpEnrolmentCommand command) {
        if (mfaEnabled()) {
            throw new RotorException(ErrorCode.MFA_ALREADY_ENABLED, "mfa: already on; disable it first");
        }
        apply(new TotpEnrolmentStartedEvent(userId, command.sealedSecret()));
    }

    @CommandHandler
    public void handle(ConfirmTotpEnrolmentCommand command, SecretCipher cipher) {
        if (mfaEnabled()) {
            throw new RotorException(ErrorCode.MFA_ALREADY_ENABLED, "mfa: already on");
        }
        if (pendingTotpSecret == null) {
            throw new RotorException(ErrorCode.INVALID_REQUEST,
                    "mfa: no enrolment pending; start one with POST /api/v1/me/mfa/totp");
        }
        Instant now = GenericEventMessage.clock.instant();
        long step = Totp.matchingStep(cipher.open(pendingTotpSecret), command.code(), now, lastTotpStep);
        if (step < 0) {
            throw new RotorException(ErrorCode.INVALID_MFA, "code: does not match the new secret; check the clock");
        }
        apply(new MfaEnabledEvent(userId, pendingTotpSecret, List.copyOf(command.recoveryCodeHashes())));
        apply(new TotpCodeUsedEvent(userId, step, "enrolment"));
    }

    /** Answers whether MFA is off now; a wrong code is an answer (its failure is recorded), not an exception. */
    @CommandHandler
    public boolean handle(DisableMfaCommand command, SecretCipher cipher, LoginPolicy policy) {
        Instant now = GenericEventMessage.clock.instant();
        if (lockout.lockedAt(now)) {
            throw new RotorException(ErrorCode.TOO_MANY_ATTEMPTS, "too many failed attempts",
                    lockout.retryAfterSeconds(now));
        }
        if (!mfaEnabled()) {
            return true;
        }
        if (!proveSecondFactor(command.code(), "disable", cipher, now)) {
            recordFailure(BAD_MFA_CODE, command.ip(), command.userAgent(), policy, now);
            return false;
        }
        apply(new MfaDisabledEvent(userId, userId));
        return true;
    }

    @CommandHandler
    public void handle(ResetMfaCommand command) {
        String reason = Credentials.requireValidReason(command.reason());
        if (mfaEnabled() || pendingTotpSecret != null) {
            apply(new MfaResetEvent(userId, command.triggeredBy(), reason));
        }
    }

    @CommandHandler
    public void handle(UnlockUserCommand command) {
        if (!Lockout.NONE.equals(lockout)) {
            apply(new UserUnlockedEvent(userId, command.unlockedBy()));
        }
    }

    /**
     * A request that already changed the password (a retry after a commit whose answer was lost) is
     * answered as changed, with its rotation: checked first, since the current password it carries
     * no longer matches and must not count as a failure.
     */
    @CommandHandler
    public PasswordChangeResult handle(ChangePasswordCommand command, PasswordHasher hasher, LoginPolicy policy) {
        var applied = recentRotations.of(command.requestId())
                .filter(rotation -> PASSWORD_CHANGED.equals(rotation.reason()));
        if (applied.isPresent()) {
            return new PasswordChangeResult(true, resultOf(applied.get()));
        }
        Credentials.requireValidPassword("new_password", command.newPassword());
        Instant now = GenericEventMessage.clock.instant();
        if (lockout.lockedAt(now)) {
            throw new RotorException(ErrorCode.TOO_MANY_ATTEMPTS, "too many failed attempts",
                    lockout.retryAfterSeconds(now));
        }
        if (command.currentPassword() == null || !hasher.verify(passwordHash, command.currentPassword())) {
            recordFailure("bad_current_password", command.ip(), command.userAgent(), policy, now);
            return PasswordChangeResult.rejected();
        }
        apply(new PasswordChangedEvent(userId, hasher.hash(command.newPassword()), command.triggeredBy()));
        return new PasswordChangeResult(true,
                rotate(command.triggeredBy(), PASSWORD_CHANGED, now, command.requestId()));
    }

    /** A request that already rotated (a retry after a lost answer) gets the first result, no event. */
    @CommandHandler
    public UserRotationResult handle(TriggerUserTokenRotationCommand command) {
        String reason = Credentials.requireValidReason(command.reason());
        return recentRotations.of(command.requestId()).map(UserAccount::resultOf)
                .orElseGet(() -> rotate(command.triggeredBy(), reason, GenericEventMessage.clock.instant(),
                        command.requestId()));
    }

    private UserRotationResult rotate(String triggeredBy, String reason, Instant now, String requestId) {
        long previous = minTokenVersion;
        TokenRotatedEvent rotation = new TokenRotatedEvent(userId, RotationScope.USER, previous, previous + 1, 0, now,
                triggeredBy, reason, requestId);
        apply(rotation);
        return resultOf(rotation);
    }

    private static UserRotationResult resultOf(TokenRotatedEvent rotation) {
        return new UserRotationResult(rotation.aggregateId(), rotation.previousVersion(), rotation.newVersion());
    }

    private AuthenticationResult succeeded() {
        return new AuthenticationResult(AuthenticationResult.Outcome.SUCCEEDED, userId, email, roles,
                minTokenVersion, 0);
    }

    private boolean mfaEnabled() {
        return totpSecret != null;
    }

    /**
     * Checks a TOTP code (never one of a step already used) or an unused recovery code, and records
     * its use; false when it is neither.
     */
    private boolean proveSecondFactor(String code, String purpose, SecretCipher cipher, Instant now) {
        if (code == null) {
            return false;
        }
        if (RecoveryCodes.looksLikeOne(code)) {
            int index = recoveryCodeHashes.indexOf(RecoveryCodes.hash(code));
            if (index < 0 || usedRecoveryCodes.contains(index)) {
                return false;
            }
            apply(new RecoveryCodeUsedEvent(userId, index, purpose));
            return true;
        }
        long step = Totp.matchingStep(cipher.open(totpSecret), code.strip(), now, lastTotpStep);
        if (step < 0) {
            return false;
        }
        apply(new TotpCodeUsedEvent(userId, step, purpose));
        return true;
    }

    private void recordFailure(String reason, String ip, String userAgent, LoginPolicy policy, Instant now) {
        int failures = lockout.nextFailures();
        apply(new LoginFailedEvent(userId, reason, failures, ip, userAgent));
        Instant until = lockout.lockAfter(failures, policy, now);
        if (until != null) {
            apply(new UserLockedOutEvent(userId, failures, until));
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
        this.lockout = Lockout.NONE;
        this.mfaChallengeHash = null;
    }

    @EventSourcingHandler
    void on(LoginFailedEvent event) {
        this.lockout = lockout.failed(event.consecutiveFailures());
        this.mfaChallengeHash = null;
    }

    @EventSourcingHandler
    void on(UserLockedOutEvent event) {
        this.lockout = lockout.failed(event.failures()).locked(event.lockedUntil());
    }

    @EventSourcingHandler
    void on(UserUnlockedEvent event) {
        this.lockout = Lockout.NONE;
    }

    @EventSourcingHandler
    void on(PasswordChangedEvent event) {
        this.passwordHash = event.passwordHash();
        this.lockout = lockout.failed(0);
    }

    @EventSourcingHandler
    void on(TokenRotatedEvent event) {
        this.minTokenVersion = Math.max(minTokenVersion, event.newVersion());
        this.recentRotations.remember(event);
    }

    @EventSourcingHandler
    void on(MfaChallengeIssuedEvent event) {
        this.mfaChallengeHash = event.challengeHash();
        this.mfaChallengeExpiresAt = event.expiresAt();
    }

    @EventSourcingHandler
    void on(TotpEnrolmentStartedEvent event) {
        this.pendingTotpSecret = event.sealedSecret();
    }

    @EventSourcingHandler
    void on(MfaEnabledEvent event) {
        this.totpSecret = event.sealedSecret();
        this.pendingTotpSecret = null;
        this.recoveryCodeHashes = List.copyOf(event.recoveryCodeHashes());
        this.usedRecoveryCodes = new HashSet<>();
    }

    @EventSourcingHandler
    void on(TotpCodeUsedEvent event) {
        this.lastTotpStep = Math.max(lastTotpStep, event.timeStep());
    }

    @EventSourcingHandler
    void on(RecoveryCodeUsedEvent event) {
        this.usedRecoveryCodes.add(event.codeIndex());
    }

    @EventSourcingHandler
    void on(MfaDisabledEvent event) {
        mfaOff();
    }

    @EventSourcingHandler
    void on(MfaResetEvent event) {
        mfaOff();
    }

    private void mfaOff() {
        this.totpSecret = null;
        this.pendingTotpSecret = null;
        this.recoveryCodeHashes = List.of();
        this.usedRecoveryCodes = new HashSet<>();
        this.mfaChallengeHash = null;
    }
}
