package dev.rotor.command.account;

import static dev.rotor.command.RotorMatchers.payloadEqualTo;
import static dev.rotor.command.RotorMatchers.payloadSatisfying;
import static dev.rotor.command.RotorMatchers.rotorError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.payloadsMatching;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import de.mkammerer.argon2.Argon2Factory;
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
import dev.rotor.kernel.token.UserRotationResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UserAccountTest {

    /** Cheapest Argon2id cost the properties allow: the tests check behaviour, not hashing cost. */
    static final PasswordHasher HASHER = new Argon2idPasswordHasher(new PasswordHashingProperties(1024, 1, 1, 0, 0, Duration.ofSeconds(1), 0, Duration.ofSeconds(30)));

    private static final String USER_ID = "5f0c6a8e-1b7e-4d7a-9a55-3f1d2c3b4a59";
    private static final String ADMIN_ID = "0b8c1f7e-7a0d-4f5f-8c0e-6f9a2d1e3c4b";
    private static final String EMAIL = "alice@example.com";
    private static final List<String> ROLES = List.of("user");
    private static final String PASSWORD = "correct horse battery staple";
    private static final String WRONG_PASSWORD = "incorrect horse battery";
    private static final String NEW_PASSWORD = "a brand new passphrase";
    private static final String PASSWORD_HASH = HASHER.hash(PASSWORD);
    private static final String NEW_PASSWORD_HASH = HASHER.hash(NEW_PASSWORD);
    private static final String IP = "203.0.113.7";
    private static final String UA = "JUnit/5";
    private static final String REQUEST = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
    private static final String OTHER_REQUEST = "1e2d3c4b-5a69-4788-9a0b-c1d2e3f4a5b6";

    private static final int MAX_FAILURES = 5;
    private static final Duration LOCKOUT = Duration.ofMinutes(15);
    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");

    private FixtureConfiguration<UserAccount> fixture;
    private EmailRegistry emails;

    @BeforeEach
    void setUp() {
        emails = mock(EmailRegistry.class);
        when(emails.isTaken("taken@example.com")).thenReturn(true);
        fixture = new AggregateTestFixture<>(UserAccount.class);
        fixture.registerInjectableResource(HASHER);
        fixture.registerInjectableResource(new LoginPolicy(MAX_FAILURES, LOCKOUT, LOCKOUT.multipliedBy(30)));
        fixture.registerInjectableResource(emails);
    }

    private static UserRegisteredEvent registered() {
        return new UserRegisteredEvent(USER_ID, EMAIL, PASSWORD_HASH, ROLES, ADMIN_ID);
    }

    private static LoginFailedEvent failed(int consecutive) {
        return new LoginFailedEvent(USER_ID, "bad_password", consecutive, IP, UA);
    }

    private static AuthenticateUserCommand login(String password) {
        return new AuthenticateUserCommand(USER_ID, password, IP, UA);
    }

    private static ChangePasswordCommand changePassword(String current, String replacement) {
        return new ChangePasswordCommand(USER_ID, current, replacement, USER_ID, IP, UA);
    }

    private static ChangePasswordCommand changePassword(String current, String replacement, String requestId) {
        return new ChangePasswordCommand(USER_ID, current, replacement, USER_ID, IP, UA, requestId);
    }

    private static AuthenticationResult succeeded(long userVersion) {
        return new AuthenticationResult(AuthenticationResult.Outcome.SUCCEEDED, USER_ID, EMAIL, ROLES, userVersion, 0);
    }

    @Nested
    class Registration {

        @Test
        void registrationStoresTheNormalizedEmailAndAnArgon2idHashInsteadOfTheClearPassword() {
            fixture.givenNoPriorActivity()
                    .when(new RegisterUserCommand(USER_ID, "  Alice@Example.COM ", PASSWORD, List.of("user", "admin"),
                            ADMIN_ID))
                    .expectSuccessfulHandlerExecution()
                    .expectEventsMatching(payloadsMatching(exactSequenceOf(
                            payloadSatisfying(UserRegisteredEvent.class, event -> {
                                assertThat(event.userId()).isEqualTo(USER_ID);
                                assertThat(event.email()).isEqualTo("alice@example.com");
                                assertThat(event.roles()).containsExactly("user", "admin");
                                assertThat(event.registeredBy()).isEqualTo(ADMIN_ID);
                                assertThat(event.passwordHash())
                                        .startsWith("$argon2id$")
                                        .doesNotContain(PASSWORD);
                                assertThat(HASHER.verify(event.passwordHash(), PASSWORD)).isTrue();
                                assertThat(HASHER.verify(event.passwordHash(), WRONG_PASSWORD)).isFalse();
                            }),
                            andNoMore())));
        }

        @Test
        void registrationLooksUpTheNormalizedEmail() {
            fixture.givenNoPriorActivity()
                    .when(new RegisterUserCommand(USER_ID, " Bob@Example.com", PASSWORD, ROLES, ADMIN_ID))
                    .expectSuccessfulHandlerExecution();
            verify(emails).isTaken("bob@example.com");
        }

        @Test
        void duplicateRolesAreRegisteredOnce() {
            fixture.givenNoPriorActivity()
                    .when(new RegisterUserCommand(USER_ID, EMAIL, PASSWORD, List.of("user", "admin", "user"), ADMIN_ID))
                    .expectEventsMatching(payloadsMatching(exactSequenceOf(
                            payloadSatisfying(UserRegisteredEvent.class,
                                    event -> assertThat(event.roles()).containsExactly("user", "admin")),
                            andNoMore())));
        }

        @ParameterizedTest
        @ValueSource(strings = {"not-an-email", "alice@localhost", "al ice@example.com", "a@b@example.com", "", "   "})
        void registrationWithAnInvalidEmailIsRejected(String email) {
            fixture.givenNoPriorActivity()
                    .when(new RegisterUserCommand(USER_ID, email, PASSWORD, ROLES, ADMIN_ID))
                    .expectException(RotorException.class)
                    .expectException(rotorError(ErrorCode.INVALID_REQUEST))
                    .expectExceptionMessage("email: must be a valid email address")
                    .expectNoEvents();
        }

        @Test
        void registrationWithoutEmailIsRejected() {
            fixture.givenNoPriorActivity()
                    .when(new RegisterUserCommand(USER_ID, null, PASSWORD, ROLES, ADMIN_ID))
                    .expectException(rotorError(ErrorCode.INVALID_REQUEST))
                    .expectNoEvents();
        }

        @Test
        void registrationWithAnElevenCharacterPasswordIsRejected() {
            fixture.givenNoPriorActivity()
                    .when(new RegisterUserCommand(USER_ID, EMAIL, "x".repeat(11), ROLES, ADMIN_ID))
                    .expectException(RotorException.class)
                    .expectException(rotorError(ErrorCode.INVALID_REQUEST))
                    .expectExceptionMessage("password: must be 12 to 1024 characters")
                    .expectNoEvents();
        }

        @Test
        void passwordLengthCountsCodePointsSoElevenEmojiAreTooShort() {
            String elevenEmoji = "\uD83D\uDE00".repeat(11); // 22 chars, 11 code points
            fixture.givenNoPriorActivity()
                    .when(new RegisterUserCommand(USER_ID, EMAIL, elevenEmoji, ROLES, ADMIN_ID))
                    .expectException(rotorError(ErrorCode.INVALID_REQUEST))
                    .expectNoEvents();
        }

        @Test
        void registrationWithA1025CharacterPasswordIsRejected() {
            fixture.givenNoPriorActivity()
                    .when(new RegisterUserCommand(USER_ID, EMAIL, "x".repeat(1025), ROLES, ADMIN_ID))
                    .expectException(RotorException.class)
                    .expectException(rotorError(ErrorCode.INVALID_REQUEST))
                    .expectExceptionMessage("password: must be 12 to 1024 characters")
                    .expectNoEvents();
        }

        @Test
        void registrationWithoutPasswordIsRejected() {
            fixture.givenNoPriorActivity()
                    .when(new RegisterUserCommand(USER_ID, EMAIL, null, ROLES, ADMIN_ID))
                    .expectException(rotorError(ErrorCode.INVALID_REQUEST))
                    .expectNoEvents();
        }

        @ParameterizedTest
        @ValueSource(ints = {12, 1024})
        void passwordsAtTheLengthLimitsAreAccepted(int length) {
            String password = "p".repeat(length);
            fixture.givenNoPriorActivity()
                    .when(new RegisterUserCommand(USER_ID, EMAIL, password, ROLES, ADMIN_ID))
                    .expectSuccessfulHandlerExecution()
                    .expectEventsMatching(payloadsMatching(exactSequenceOf(
                            payloadSatisfying(UserRegisteredEvent.class,
                                    event -> assertThat(HASHER.verify(event.passwordHash(), password)).isTrue()),
                            andNoMore())));
        }

        @ParameterizedTest
        @ValueSource(strings = {"Admin", "1user", "user name", "", "_user"})
        void registrationWithAnInvalidRoleIsRejected(String role) {
            fixture.givenNoPriorActivity()
                    .when(new RegisterUserCommand(USER_ID, EMAIL, PASSWORD, List.of("user", role), ADMIN_ID))
                    .expectException(RotorException.class)
                    .expectException(rotorError(ErrorCode.INVALID_REQUEST))
                    .expectNoEvents();
        }

        @Test
        void registrationWithTooManyRolesIsRejected() {
            List<String> roles = java.util.stream.IntStream.rangeClosed(1, 33).mapToObj(i -> "role" + i).toList();
            fixture.givenNoPriorActivity()
                    .when(new RegisterUserCommand(USER_ID, EMAIL, PASSWORD, roles, ADMIN_ID))
                    .expectException(rotorError(ErrorCode.INVALID_REQUEST))
                    .expectNoEvents();
        }

        @Test
        void registrationWithATakenEmailIsRejectedAsEmailTaken() {
            fixture.givenNoPriorActivity()
                    .when(new RegisterUserCommand(USER_ID, " Taken@Example.com ", PASSWORD, ROLES, ADMIN_ID))
                    .expectException(RotorException.class)
                    .expectException(rotorError(ErrorCode.EMAIL_TAKEN))
                    .expectNoEvents();
        }
    }

    @Nested
    class Login {

        @Test
        void loginWithTheCorrectPasswordSucceedsAtUserVersionOne() {
            fixture.given(registered())
                    .when(login(PASSWORD))
                    .expectEvents(new LoginSucceededEvent(USER_ID, IP, UA))
                    .expectResultMessagePayload(succeeded(1));
        }

        @Test
        void loginWithAWrongPasswordRecordsTheFirstFailure() {
            fixture.given(registered())
                    .when(login(WRONG_PASSWORD))
                    .expectEvents(new LoginFailedEvent(USER_ID, "bad_password", 1, IP, UA))
                    .expectResultMessagePayload(AuthenticationResult.failed(USER_ID));
        }

        @Test
        void loginWithoutPasswordIsAFailure() {
            fixture.given(registered())
                    .when(login(null))
                    .expectEvents(new LoginFailedEvent(USER_ID, "bad_password", 1, IP, UA))
                    .expectResultMessagePayload(AuthenticationResult.failed(USER_ID));
        }

        @Test
        void theFourthConsecutiveFailureDoesNotLockTheAccount() {
            fixture.givenCurrentTime(NOW)
                    .andGiven(registered(), failed(1), failed(2), failed(3))
                    .when(login(WRONG_PASSWORD))
                    .expectEvents(failed(4))
                    .expectResultMessagePayload(AuthenticationResult.failed(USER_ID));
        }

        @Test
        void theFifthConsecutiveFailureLocksTheAccountForFifteenMinutes() {
            fixture.givenCurrentTime(NOW)
                    .andGiven(registered(), failed(1), failed(2), failed(3), failed(4))
                    .when(login(WRONG_PASSWORD))
                    .expectEvents(failed(5), new UserLockedOutEvent(USER_ID, 5, NOW.plus(LOCKOUT)))
                    .expectResultMessagePayload(AuthenticationResult.failed(USER_ID));
        }

        @Test
        void aLockedAccountRefusesEvenTheCorrectPasswordAndRecordsNothing() {
            fixture.givenCurrentTime(NOW)
                    .andGiven(registered(), failed(1), failed(2), failed(3), failed(4), failed(5),
                            new UserLockedOutEvent(USER_ID, 5, NOW.plus(LOCKOUT)))
                    .andGivenCurrentTime(NOW.plus(Duration.ofMinutes(5)))
                    .when(login(PASSWORD))
                    .expectNoEvents()
                    .expectResultMessagePayloadMatching(payloadSatisfying(AuthenticationResult.class, result -> {
                        assertThat(result.outcome()).isEqualTo(AuthenticationResult.Outcome.LOCKED_OUT);
                        assertThat(result.userId()).isEqualTo(USER_ID);
                        assertThat(result.email()).isNull();
                        assertThat(result.roles()).isEmpty();
                        // ten minutes of the lockout remain
                        assertThat(result.retryAfterSeconds()).isEqualTo(600L);
                    }));
        }

        @Test
        void aLockedAccountDoesNotCountFurtherWrongPasswords() {
            fixture.givenCurrentTime(NOW)
                    .andGiven(registered(), failed(1), failed(2), failed(3), failed(4), failed(5),
                            new UserLockedOutEvent(USER_ID, 5, NOW.plus(LOCKOUT)))
                    .andGivenCurrentTime(NOW.plus(Duration.ofMinutes(14)))
                    .when(login(WRONG_PASSWORD))
                    .expectNoEvents()
                    .expectResultMessagePayloadMatching(payloadSatisfying(AuthenticationResult.class,
                            result -> assertThat(result.outcome()).isEqualTo(AuthenticationResult.Outcome.LOCKED_OUT)));
        }

        @Test
        void afterTheLockoutHasPassedTheCorrectPasswordSucceeds() {
            fixture.givenCurrentTime(NOW)
                    .andGiven(registered(), failed(1), failed(2), failed(3), failed(4), failed(5),
                            new UserLockedOutEvent(USER_ID, 5, NOW.plus(LOCKOUT)))
                    .andGivenCurrentTime(NOW.plus(LOCKOUT).plusSeconds(1))
                    .when(login(PASSWORD))
                    .expectEvents(new LoginSucceededEvent(USER_ID, IP, UA))
                    .expectResultMessagePayload(succeeded(1));
        }

        @Test
        void theLockoutEndsExactlyAtLockedUntil() {
            fixture.givenCurrentTime(NOW)
                    .andGiven(registered(), new UserLockedOutEvent(USER_ID, 5, NOW.plus(LOCKOUT)))
                    .andGivenCurrentTime(NOW.plus(LOCKOUT))
                    .when(login(PASSWORD))
                    .expectEvents(new LoginSucceededEvent(USER_ID, IP, UA))
                    .expectResultMessagePayload(succeeded(1));
        }

        @Test
        void aFailureAfterALockEndsLocksAgainForTwiceAsLong() {
            fixture.givenCurrentTime(NOW)
                    .andGiven(registered(), failed(1), failed(2), failed(3), failed(4), failed(5),
                            new UserLockedOutEvent(USER_ID, 5, NOW.plus(LOCKOUT)))
                    .andGivenCurrentTime(NOW.plus(LOCKOUT).plusSeconds(1))
                    .when(login(WRONG_PASSWORD))
                    .expectEvents(failed(6), new UserLockedOutEvent(USER_ID, 6,
                            NOW.plus(LOCKOUT).plusSeconds(1).plus(LOCKOUT.multipliedBy(2))))
                    .expectResultMessagePayload(AuthenticationResult.failed(USER_ID));
        }

        @Test
        void aSuccessfulLoginResetsTheFailureCount() {
            fixture.givenCurrentTime(NOW)
                    .andGiven(registered(), failed(1), failed(2), failed(3), failed(4),
                            new LoginSucceededEvent(USER_ID, IP, UA))
                    .when(login(WRONG_PASSWORD))
                    .expectEvents(failed(1))
                    .expectResultMessagePayload(AuthenticationResult.failed(USER_ID));
        }

        @Test
        void afterAUserRotationASuccessfulLoginAnswersUserVersionTwo() {
            fixture.givenCurrentTime(NOW)
                    .andGiven(registered(),
                            new TokenRotatedEvent(USER_ID, RotationScope.USER, 1, 2, 0, NOW, ADMIN_ID, "stolen laptop"))
                    .when(login(PASSWORD))
                    .expectEvents(new LoginSucceededEvent(USER_ID, IP, UA))
                    .expectResultMessagePayload(succeeded(2));
        }
    }

    @Nested
    class UserTokenRotation {

        @Test
        void userTokenRotationRaisesTheUserVersionFromOneToTwo() {
            fixture.givenCurrentTime(NOW)
                    .andGiven(registered())
                    .when(new TriggerUserTokenRotationCommand(USER_ID, ADMIN_ID, "stolen laptop"))
                    .expectEvents(new TokenRotatedEvent(USER_ID, RotationScope.USER, 1, 2, 0, NOW, ADMIN_ID,
                            "stolen laptop"))
                    .expectResultMessagePayload(new UserRotationResult(USER_ID, 1, 2));
        }

        @Test
        void aSecondUserRotationRaisesTheVersionFromTwoToThree() {
            fixture.givenCurrentTime(NOW)
                    .andGiven(registered(),
                            new TokenRotatedEvent(USER_ID, RotationScope.USER, 1, 2, 0, NOW, ADMIN_ID, "first"))
                    .andGivenCurrentTime(NOW.plusSeconds(60))
                    .when(new TriggerUserTokenRotationCommand(USER_ID, ADMIN_ID, "second"))
                    .expectEvents(new TokenRotatedEvent(USER_ID, RotationScope.USER, 2, 3, 0, NOW.plusSeconds(60),
                            ADMIN_ID, "second"))
                    .expectResultMessagePayload(new UserRotationResult(USER_ID, 2, 3));
        }

        @Test
        void theRotationReasonIsRecordedWithoutSurroundingWhitespace() {
            fixture.givenCurrentTime(NOW)
                    .andGiven(registered())
                    .when(new TriggerUserTokenRotationCommand(USER_ID, ADMIN_ID, "  stolen laptop \n"))
                    .expectEvents(new TokenRotatedEvent(USER_ID, RotationScope.USER, 1, 2, 0, NOW, ADMIN_ID,
                            "stolen laptop"));
        }

        @Test
        void aFiveHundredCharacterReasonIsAccepted() {
            String reason = "r".repeat(500);
            fixture.givenCurrentTime(NOW)
                    .andGiven(registered())
                    .when(new TriggerUserTokenRotationCommand(USER_ID, ADMIN_ID, reason))
                    .expectEvents(new TokenRotatedEvent(USER_ID, RotationScope.USER, 1, 2, 0, NOW, ADMIN_ID, reason));
        }

        @Test
        void theRotationRecordsTheRequestThatAskedForIt() {
            fixture.givenCurrentTime(NOW)
                    .andGiven(registered())
                    .when(new TriggerUserTokenRotationCommand(USER_ID, ADMIN_ID, "stolen laptop", REQUEST))
                    .expectEvents(new TokenRotatedEvent(USER_ID, RotationScope.USER, 1, 2, 0, NOW, ADMIN_ID,
                            "stolen laptop", REQUEST));
        }

        @Test
        void aRepeatedRequestIsAnsweredWithItsFirstResultAndAppendsNothing() {
            fixture.givenCurrentTime(NOW)
                    .andGiven(registered(),
                            new TokenRotatedEvent(USER_ID, RotationScope.USER, 1, 2, 0, NOW, ADMIN_ID, "first", REQUEST),
                            new TokenRotatedEvent(USER_ID, RotationScope.USER, 2, 3, 0, NOW, ADMIN_ID, "second",
                                    OTHER_REQUEST))
                    .when(new TriggerUserTokenRotationCommand(USER_ID, ADMIN_ID, "first", REQUEST))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(new UserRotationResult(USER_ID, 1, 2));
        }

        @Test
        void aRetriedLogoutEverywhereRotatesOnce() {
            fixture.givenCurrentTime(NOW)
                    .andGiven(registered())
                    .andGivenCommands(new TriggerUserTokenRotationCommand(USER_ID, USER_ID, "logout_everywhere", REQUEST))
                    .when(new TriggerUserTokenRotationCommand(USER_ID, USER_ID, "logout_everywhere", REQUEST))
                    .expectNoEvents()
                    .expectResultMessagePayload(new UserRotationResult(USER_ID, 1, 2));
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "   ", "\t\n"})
        void userRotationWithABlankReasonIsRejected(String reason) {
            fixture.given(registered())
                    .when(new TriggerUserTokenRotationCommand(USER_ID, ADMIN_ID, reason))
                    .expectException(RotorException.class)
                    .expectException(rotorError(ErrorCode.INVALID_REQUEST))
                    .expectExceptionMessage("reason: must not be blank")
                    .expectNoEvents();
        }

        @Test
        void userRotationWithoutReasonIsRejected() {
            fixture.given(registered())
                    .when(new TriggerUserTokenRotationCommand(USER_ID, ADMIN_ID, null))
                    .expectException(rotorError(ErrorCode.INVALID_REQUEST))
                    .expectNoEvents();
        }

        @Test
        void userRotationWithA501CharacterReasonIsRejected() {
            fixture.given(registered())
                    .when(new TriggerUserTokenRotationCommand(USER_ID, ADMIN_ID, "r".repeat(501)))
                    .expectException(RotorException.class)
                    .expectException(rotorError(ErrorCode.INVALID_REQUEST))
                    .expectExceptionMessage("reason: at most 500 characters")
                    .expectNoEvents();
        }
    }

    @Nested
    class PasswordChange {

        @Test
        void changingThePasswordReplacesTheHashAndRotatesTheUsersTokens() {
            fixture.givenCurrentTime(NOW)
                    .andGiven(registered())
                    .when(changePassword(PASSWORD, NEW_PASSWORD))
                    .expectSuccessfulHandlerExecution()
                    .expectEventsMatching(payloadsMatching(exactSequenceOf(
                            payloadSatisfying(PasswordChangedEvent.class, event -> {
                                assertThat(event.userId()).isEqualTo(USER_ID);
                                assertThat(event.changedBy()).isEqualTo(USER_ID);
                                assertThat(event.passwordHash())
                                        .startsWith("$argon2id$")
                                        .doesNotContain(NEW_PASSWORD)
                                        .isNotEqualTo(PASSWORD_HASH);
                                assertThat(HASHER.verify(event.passwordHash(), NEW_PASSWORD)).isTrue();
                                assertThat(HASHER.verify(event.passwordHash(), PASSWORD)).isFalse();
                            }),
                            payloadEqualTo(new TokenRotatedEvent(USER_ID, RotationScope.USER, 1, 2, 0, NOW, USER_ID,
                                    "password_changed")),
                            andNoMore())))
                    .expectResultMessagePayload(new PasswordChangeResult(true, new UserRotationResult(USER_ID, 1, 2)));
        }

        @Test
        void aRetriedPasswordChangeIsAnsweredAsChangedWithItsRotationAndAppendsNothing() {
            // The first try committed: the current password it carries no longer matches.
            fixture.givenCurrentTime(NOW)
                    .andGiven(registered())
                    .andGivenCommands(changePassword(PASSWORD, NEW_PASSWORD, REQUEST))
                    .when(changePassword(PASSWORD, NEW_PASSWORD, REQUEST))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(new PasswordChangeResult(true, new UserRotationResult(USER_ID, 1, 2)));
        }

        @Test
        void theRotationOfAPasswordChangeRecordsItsRequest() {
            fixture.givenCurrentTime(NOW)
                    .andGiven(registered())
                    .when(changePassword(PASSWORD, NEW_PASSWORD, REQUEST))
                    .expectEventsMatching(payloadsMatching(exactSequenceOf(
                            payloadSatisfying(PasswordChangedEvent.class, event -> { }),
                            payloadEqualTo(new TokenRotatedEvent(USER_ID, RotationScope.USER, 1, 2, 0, NOW, USER_ID,
                                    "password_changed", REQUEST)),
                            andNoMore())));
        }

        @Test
        void aRequestThatRotatedForAnotherReasonIsNoPasswordChange() {
            fixture.givenCurrentTime(NOW)
                    .andGiven(registered(), new TokenRotatedEvent(USER_ID, RotationScope.USER, 1, 2, 0, NOW, USER_ID,
                            "logout_everywhere", REQUEST))
                    .when(changePassword(WRONG_PASSWORD, NEW_PASSWORD, REQUEST))
                    .expectEvents(new LoginFailedEvent(USER_ID, "bad_current_password", 1, IP, UA))
                    .expectResultMessagePayload(PasswordChangeResult.rejected());
        }

        @Test
        void aPasswordChangeAfterAUserRotationRaisesTheVersionFromTwoToThree() {
            fixture.givenCurrentTime(NOW)
                    .andGiven(registered(),
                            new TokenRotatedEvent(USER_ID, RotationScope.USER, 1, 2, 0, NOW, ADMIN_ID, "stolen laptop"))
                    .when(changePassword(PASSWORD, NEW_PASSWORD))
                    .expectResultMessagePayload(new PasswordChangeResult(true, new UserRotationResult(USER_ID, 2, 3)));
        }

        @Test
        void changingThePasswordWithAWrongCurrentPasswordRecordsAFailureAndChangesNothing() {
            fixture.givenCurrentTime(NOW)
                    .andGiven(registered())
                    .when(changePassword(WRONG_PASSWORD, NEW_PASSWORD))
                    .expectEvents(new LoginFailedEvent(USER_ID, "bad_current_password", 1, IP, UA))
                    .expectResultMessagePayload(new PasswordChangeResult(false, null));
        }

        @Test
        void wrongCurrentPasswordsCountTowardsTheLockout() {
            fixture.givenCurrentTime(NOW)
                    .andGiven(registered(), failed(1), failed(2), failed(3), failed(4))
                    .when(changePassword(WRONG_PASSWORD, NEW_PASSWORD))
                    .expectEvents(new LoginFailedEvent(USER_ID, "bad_current_password", 5, IP, UA),
                            new UserLockedOutEvent(USER_ID, 5, NOW.plus(LOCKOUT)))
                    .expectResultMessagePayload(PasswordChangeResult.rejected());
        }

        @Test
        void aLockedAccountCannotChangeItsPassword() {
            fixture.givenCurrentTime(NOW)
                    .andGiven(registered(), new UserLockedOutEvent(USER_ID, 5, NOW.plus(LOCKOUT)))
                    .andGivenCurrentTime(NOW.plusSeconds(60))
                    .when(changePassword(PASSWORD, NEW_PASSWORD))
                    .expectException(rotorError(ErrorCode.TOO_MANY_ATTEMPTS))
                    .expectNoEvents();
        }

        @Test
        void aTooShortNewPasswordIsRejectedWithoutEvents() {
            fixture.givenCurrentTime(NOW)
                    .andGiven(registered())
                    .when(changePassword(PASSWORD, "x".repeat(11)))
                    .expectException(RotorException.class)
                    .expectException(rotorError(ErrorCode.INVALID_REQUEST))
                    .expectExceptionMessage("new_password: must be 12 to 1024 characters")
                    .expectNoEvents();
        }

        @Test
        void aTooShortNewPasswordWithAWrongCurrentPasswordIsNotCountedAsAFailure() {
            fixture.givenCurrentTime(NOW)
                    .andGiven(registered())
                    .when(changePassword(WRONG_PASSWORD, "short"))
                    .expectException(rotorError(ErrorCode.INVALID_REQUEST))
                    .expectNoEvents();
        }

        @Test
        void afterAPasswordChangeTheNewPasswordLogsInAtTheNewUserVersion() {
            fixture.givenCurrentTime(NOW)
                    .andGiven(registered(),
                            new PasswordChangedEvent(USER_ID, NEW_PASSWORD_HASH, USER_ID),
                            new TokenRotatedEvent(USER_ID, RotationScope.USER, 1, 2, 0, NOW, USER_ID,
                                    UserAccount.PASSWORD_CHANGED))
                    .when(login(NEW_PASSWORD))
                    .expectEvents(new LoginSucceededEvent(USER_ID, IP, UA))
                    .expectResultMessagePayload(succeeded(2));
        }

        @Test
        void afterAPasswordChangeTheOldPasswordNoLongerLogsIn() {
            fixture.givenCurrentTime(NOW)
                    .andGiven(registered(),
                            new PasswordChangedEvent(USER_ID, NEW_PASSWORD_HASH, USER_ID),
                            new TokenRotatedEvent(USER_ID, RotationScope.USER, 1, 2, 0, NOW, USER_ID,
                                    UserAccount.PASSWORD_CHANGED))
                    .when(login(PASSWORD))
                    .expectEvents(failed(1))
                    .expectResultMessagePayload(AuthenticationResult.failed(USER_ID));
        }
    }

    /**
     * NIST SP 800-63B and ASVS 5.0 6.2: no password from the common list, compared after NFKC and
     * regardless of case; passwords are hashed and verified in NFKC form, so equivalent forms of a
     * user's password are one password, and hashes made before normalisation keep working.
     */
    @Nested
    class CommonAndEquivalentPasswords {

        private static final String COMMON_PASSWORD_MESSAGE =
                ": is one of the most common passwords; choose one that is harder to guess";
        private static final String WITH_LIGATURES = "\uFB01ve \uFB01ne \uFB01sh swimming"; // ﬁve ﬁne ﬁsh
        private static final String PLAIN_LETTERS = "five fine fish swimming";

        /** A hash as stored before passwords were normalised: Argon2id of the password exactly as typed. */
        private static String hashAsTyped(String password) {
            return Argon2Factory.create(Argon2Factory.Argon2Types.ARGON2id)
                    .hash(1, 1024, 1, password.toCharArray(), StandardCharsets.UTF_8);
        }

        private static UserRegisteredEvent registeredWithHash(String passwordHash) {
            return new UserRegisteredEvent(USER_ID, EMAIL, passwordHash, ROLES, ADMIN_ID);
        }

        /** Full-width forms (U+FF01..U+FF5E) of printable ASCII; NFKC maps them back. */
        private static String fullWidth(String ascii) {
            StringBuilder wide = new StringBuilder();
            ascii.chars().forEach(c -> wide.append(c == ' ' ? '\u3000' : (char) (c - 0x21 + 0xFF01)));
            return wide.toString();
        }

        @ParameterizedTest
        @ValueSource(strings = {"password1234", "PASSWORD1234", "Qwerty123456", "\uFF51\uFF57\uFF45\uFF52\uFF54\uFF59123456"})
        void registrationWithACommonPasswordIsRefusedWhateverItsCaseOrWidth(String common) {
            fixture.givenNoPriorActivity()
                    .when(new RegisterUserCommand(USER_ID, EMAIL, common, ROLES, ADMIN_ID))
                    .expectException(rotorError(ErrorCode.INVALID_REQUEST))
                    .expectExceptionMessage("password" + COMMON_PASSWORD_MESSAGE)
                    .expectNoEvents();
        }

        @Test
        void aPasswordChangeToACommonPasswordIsRefusedWithoutEvents() {
            fixture.givenCurrentTime(NOW)
                    .andGiven(registered())
                    .when(changePassword(PASSWORD, "Password1234"))
                    .expectException(rotorError(ErrorCode.INVALID_REQUEST))
                    .expectExceptionMessage("new_password" + COMMON_PASSWORD_MESSAGE)
                    .expectNoEvents();
        }

        @Test
        void aCommonNewPasswordWithAWrongCurrentPasswordIsNotCountedAsAFailure() {
            fixture.givenCurrentTime(NOW)
                    .andGiven(registered(), failed(1), failed(2), failed(3), failed(4))
                    .when(changePassword(WRONG_PASSWORD, "qwerty123456"))
                    .expectException(rotorError(ErrorCode.INVALID_REQUEST))
                    .expectNoEvents();
        }

        @Test
        void registrationHashesTheNfkcFormOfThePassword() {
            fixture.givenNoPriorActivity()
                    .when(new RegisterUserCommand(USER_ID, EMAIL, WITH_LIGATURES, ROLES, ADMIN_ID))
                    .expectEventsMatching(payloadsMatching(exactSequenceOf(
                            payloadSatisfying(UserRegisteredEvent.class, event -> assertThat(
                                    Argon2Factory.create(Argon2Factory.Argon2Types.ARGON2id).verify(
                                            event.passwordHash(), PLAIN_LETTERS.toCharArray(), StandardCharsets.UTF_8))
                                    .as("the stored hash is of the NFKC form").isTrue()),
                            andNoMore())));
        }

        @Test
        void lengthIsCountedInCodePointsOfTheNfkcForm() {
            String fourLigatures = "\uFB03".repeat(4); // four ffi ligatures: twelve letters
            fixture.givenNoPriorActivity()
                    .when(new RegisterUserCommand(USER_ID, EMAIL, fourLigatures, ROLES, ADMIN_ID))
                    .expectSuccessfulHandlerExecution();

            String sixComposedLetters = "e\u0301".repeat(6); // twelve code points typed, six after NFKC
            fixture.givenNoPriorActivity()
                    .when(new RegisterUserCommand(USER_ID, EMAIL, sixComposedLetters, ROLES, ADMIN_ID))
                    .expectException(rotorError(ErrorCode.INVALID_REQUEST))
                    .expectExceptionMessage("password: must be 12 to 1024 characters")
                    .expectNoEvents();
        }

        @Test
        void aUserWhoChoseLigaturesLogsInWithThePlainLetters() {
            fixture.given(registeredWithHash(HASHER.hash(WITH_LIGATURES)))
                    .when(login(PLAIN_LETTERS))
                    .expectEvents(new LoginSucceededEvent(USER_ID, IP, UA))
                    .expectResultMessagePayload(succeeded(1));
        }

        @Test
        void aUserWhoChosePlainLettersLogsInWithLigaturesOrFullWidthLetters() {
            fixture.given(registeredWithHash(HASHER.hash(PLAIN_LETTERS)))
                    .when(login(WITH_LIGATURES))
                    .expectEvents(new LoginSucceededEvent(USER_ID, IP, UA));
            fixture.given(registeredWithHash(HASHER.hash(PLAIN_LETTERS)))
                    .when(login(fullWidth(PLAIN_LETTERS)))
                    .expectEvents(new LoginSucceededEvent(USER_ID, IP, UA));
        }

        @Test
        void aHashMadeBeforeNormalisationStillAcceptsThePasswordAsTyped() {
            fixture.given(registeredWithHash(hashAsTyped(WITH_LIGATURES)))
                    .when(login(WITH_LIGATURES))
                    .expectEvents(new LoginSucceededEvent(USER_ID, IP, UA))
                    .expectResultMessagePayload(succeeded(1));
        }

        @Test
        void aHashMadeBeforeNormalisationOfAnAsciiPasswordAcceptsItsEquivalentForms() {
            fixture.given(registeredWithHash(hashAsTyped(PLAIN_LETTERS)))
                    .when(login(fullWidth(PLAIN_LETTERS)))
                    .expectEvents(new LoginSucceededEvent(USER_ID, IP, UA));
        }

        @Test
        void aHashMadeBeforeNormalisationStillRefusesAWrongPassword() {
            fixture.given(registeredWithHash(hashAsTyped(WITH_LIGATURES)))
                    .when(login(WRONG_PASSWORD))
                    .expectEvents(new LoginFailedEvent(USER_ID, "bad_password", 1, IP, UA));
        }

        @Test
        void aPasswordChangeVerifiesTheCurrentPasswordInNfkcForm() {
            fixture.givenCurrentTime(NOW)
                    .andGiven(registeredWithHash(HASHER.hash(WITH_LIGATURES)))
                    .when(changePassword(PLAIN_LETTERS, NEW_PASSWORD))
                    .expectSuccessfulHandlerExecution()
                    .expectResultMessagePayload(new PasswordChangeResult(true, new UserRotationResult(USER_ID, 1, 2)));
        }
    }

    /**
     * A hash the server refuses under overload ({@code 503 server_busy}) is no verdict on the
     * password: nothing is recorded, so it neither counts toward a lockout nor shows as a failure.
     */
    @Nested
    class Overload {

        private final PasswordHasher busy = new PasswordHasher() {
            @Override
            public String hash(String password) {
                throw refused();
            }

            @Override
            public boolean verify(String hash, String password) {
                throw refused();
            }

            @Override
            public void verifyAgainstDummy(String password) {
                throw refused();
            }

            private RotorException refused() {
                return new RotorException(ErrorCode.SERVER_BUSY, "too many logins at once; try again shortly", 1L);
            }
        };

        @BeforeEach
        void overloadedServer() {
            fixture = new AggregateTestFixture<>(UserAccount.class);
            fixture.registerInjectableResource(busy);
            fixture.registerInjectableResource(new LoginPolicy(MAX_FAILURES, LOCKOUT, LOCKOUT.multipliedBy(30)));
            fixture.registerInjectableResource(emails);
        }

        @Test
        void aLoginRefusedForOverloadRecordsNoFailureEvenOneShortOfTheLockout() {
            fixture.givenCurrentTime(NOW)
                    .andGiven(registered(), failed(1), failed(2), failed(3), failed(4))
                    .when(login(WRONG_PASSWORD))
                    .expectException(rotorError(ErrorCode.SERVER_BUSY))
                    .expectNoEvents();
        }

        @Test
        void aPasswordChangeRefusedForOverloadRecordsNothing() {
            fixture.givenCurrentTime(NOW)
                    .andGiven(registered())
                    .when(changePassword(WRONG_PASSWORD, NEW_PASSWORD))
                    .expectException(rotorError(ErrorCode.SERVER_BUSY))
                    .expectNoEvents();
        }

        @Test
        void aRegistrationRefusedForOverloadRecordsNothing() {
            fixture.givenNoPriorActivity()
                    .when(new RegisterUserCommand(USER_ID, EMAIL, PASSWORD, ROLES, ADMIN_ID))
                    .expectException(rotorError(ErrorCode.SERVER_BUSY))
                    .expectNoEvents();
        }
    }
}
