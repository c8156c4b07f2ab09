package dev.rotor.command.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotor.kernel.account.AuthenticateUserCommand;
import dev.rotor.kernel.account.AuthenticationResult;
import dev.rotor.kernel.account.ConfirmTotpEnrolmentCommand;
import dev.rotor.kernel.account.DisableMfaCommand;
import dev.rotor.kernel.account.LoginFailedEvent;
import dev.rotor.kernel.account.LoginSucceededEvent;
import dev.rotor.kernel.account.MfaChallengeIssuedEvent;
import dev.rotor.kernel.account.MfaDisabledEvent;
import dev.rotor.kernel.account.MfaEnabledEvent;
import dev.rotor.kernel.account.MfaResetEvent;
import dev.rotor.kernel.account.RecoveryCodeUsedEvent;
import dev.rotor.kernel.account.ResetMfaCommand;
import dev.rotor.kernel.account.StartTotpEnrolmentCommand;
import dev.rotor.kernel.account.TotpCodeUsedEvent;
import dev.rotor.kernel.account.TotpEnrolmentStartedEvent;
import dev.rotor.kernel.account.UnlockUserCommand;
import dev.rotor.kernel.account.UserLockedOutEvent;
import dev.rotor.kernel.account.UserRegisteredEvent;
import dev.rotor.kernel.account.UserUnlockedEvent;
import dev.rotor.kernel.account.VerifySecondFactorCommand;
import dev.rotor.kernel.common.RotorException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** MFA and lockout decisions of {@link UserAccount}: TOTP enrolment, the second login step, recovery codes, unlock. */
class UserAccountMfaTest {

    private static final String USER_ID = "8d5e2b1c-0000-4000-8000-000000000001";
    private static final String ADMIN_ID = "8d5e2b1c-0000-4000-8000-0000000000ad";
    private static final String PASSWORD = "correct horse battery staple";
    private static final String IP = "203.0.113.7";
    private static final String UA = "JUnit/5";
    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
    private static final String SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
    private static final String SEALED = "sealed:" + SECRET;
    private static final List<String> RECOVERY = List.of("AAAA-BBBB-CCCC-DDDD", "EEEE-FFFF-GGGG-HHHH");
    private static final List<String> RECOVERY_HASHES = RECOVERY.stream().map(RecoveryCodes::hash).toList();
    private static final String CHALLENGE = "challenge-hash";
    private static final Duration LOCKOUT = Duration.ofSeconds(30);

    /** Seals by prefixing: enough to show the aggregate only ever holds and opens sealed values. */
    static final SecretCipher CIPHER = new SecretCipher() {
        @Override
        public String seal(String clear) {
            return "sealed:" + clear;
        }

        @Override
        public String open(String sealed) {
            if (!sealed.startsWith("sealed:")) {
                throw new IllegalArgumentException("not sealed");
            }
            return sealed.substring("sealed:".length());
        }
    };

    private FixtureConfiguration<UserAccount> fixture;
    private String passwordHash;

    @BeforeEach
    void setUp() {
        passwordHash = UserAccountTest.HASHER.hash(PASSWORD);
        fixture = new AggregateTestFixture<>(UserAccount.class);
        fixture.registerInjectableResource(UserAccountTest.HASHER);
        fixture.registerInjectableResource(new LoginPolicy(5, LOCKOUT, Duration.ofMinutes(15)));
        fixture.registerInjectableResource(CIPHER);
    }

    private UserRegisteredEvent registered() {
        return new UserRegisteredEvent(USER_ID, "alice@example.com", passwordHash, List.of("user"), ADMIN_ID);
    }

    private static MfaEnabledEvent enabled() {
        return new MfaEnabledEvent(USER_ID, SEALED, RECOVERY_HASHES);
    }

    private static String codeAt(Instant instant) {
        return Totp.code(Totp.fromBase32(SECRET), Totp.stepAt(instant));
    }

    private static MfaChallengeIssuedEvent challenged(Instant at) {
        return new MfaChallengeIssuedEvent(USER_ID, CHALLENGE, at.plus(UserAccount.MFA_CHALLENGE_LIFETIME));
    }

    private static VerifySecondFactorCommand secondFactor(String code) {
        return new VerifySecondFactorCommand(USER_ID, CHALLENGE, code, IP, UA);
    }

    private static LoginFailedEvent badCode(int consecutive) {
        return new LoginFailedEvent(USER_ID, UserAccount.BAD_MFA_CODE, consecutive, IP, UA);
    }

    @Nested
    class Enrolment {

        @Test
        void startingStoresTheSecretOnlySealed() {
            fixture.given(registered())
                    .when(new StartTotpEnrolmentCommand(USER_ID, SEALED))
                    .expectEvents(new TotpEnrolmentStartedEvent(USER_ID, SEALED));
        }

        @Test
        void aRightCodeTurnsMfaOnWithTheRecoveryCodeHashesAndUsesUpItsStep() {
            fixture.givenCurrentTime(NOW)
                    .andGiven(registered(), new TotpEnrolmentStartedEvent(USER_ID, SEALED))
                    .when(new ConfirmTotpEnrolmentCommand(USER_ID, codeAt(NOW), RECOVERY_HASHES))
                    .expectEvents(enabled(), new TotpCodeUsedEvent(USER_ID, Totp.stepAt(NOW), "enrolment"));
        }

        @Test
        void aWrongCodeLeavesTheEnrolmentPendingAndCountsNothing() {
            fixture.givenCurrentTime(NOW)
                    .andGiven(registered(), new TotpEnrolmentStartedEvent(USER_ID, SEALED))
                    .when(new ConfirmTotpEnrolmentCommand(USER_ID, "000000".equals(codeAt(NOW)) ? "111111" : "000000",
                            RECOVERY_HASHES))
                    .expectNoEvents()
                    .expectException(RotorException.class);
        }

        @Test
        void confirmingWithoutAPendingEnrolmentIsABadRequest() {
            fixture.given(registered())
                    .when(new ConfirmTotpEnrolmentCommand(USER_ID, "123456", RECOVERY_HASHES))
                    .expectNoEvents()
                    .expectExceptionMessage("mfa: no enrolment pending; start one with POST /api/v1/me/mfa/totp");
        }

        @Test
        void startingAgainWhileMfaIsOnIsAConflict() {
            fixture.given(registered(), enabled())
                    .when(new StartTotpEnrolmentCommand(USER_ID, SEALED))
                    .expectNoEvents()
                    .expectException(RotorException.class)
                    .expectExceptionMessage("mfa: already on; disable it first");
        }
    }

    @Nested
    class SecondStepOfLogin {

        @Test
        void aRightPasswordOfAnMfaUserOpensAChallengeAndDoesNotResetTheFailures() {
            fixture.givenCurrentTime(NOW)
                    .andGiven(registered(), enabled(), badCode(1))
                    .when(new AuthenticateUserCommand(USER_ID, PASSWORD, IP, UA, CHALLENGE))
                    .expectEvents(challenged(NOW))
                    .expectResultMessagePayload(AuthenticationResult.mfaRequired(USER_ID));
        }

        @Test
        void aRightCodeCompletesTheLogin() {
            fixture.givenCurrentTime(NOW)
                    .andGiven(registered(), enabled(), challenged(NOW))
                    .when(secondFactor(codeAt(NOW)))
                    .expectEvents(new TotpCodeUsedEvent(USER_ID, Totp.stepAt(NOW), "login"),
                            new LoginSucceededEvent(USER_ID, IP, UA))
                    .expectResultMessagePayloadMatching(org.axonframework.test.matchers.Matchers.predicate(
                            result -> ((AuthenticationResult) result).outcome()
                                    == AuthenticationResult.Outcome.SUCCEEDED));
        }

        @Test
        void aCodeOneStepOffIsAcceptedTwoStepsOffIsNot() {
            fixture.givenCurrentTime(NOW)
                    .andGiven(registered(), enabled(), challenged(NOW))
                    .when(secondFactor(codeAt(NOW.minusSeconds(30))))
                    .expectEvents(new TotpCodeUsedEvent(USER_ID, Totp.stepAt(NOW) - 1, "login"),
                            new LoginSucceededEvent(USER_ID, IP, UA));
            String twoStepsOld = codeAt(NOW.minusSeconds(60));
            boolean collides = twoStepsOld.equals(codeAt(NOW)) || twoStepsOld.equals(codeAt(NOW.minusSeconds(30)))
                    || twoStepsOld.equals(codeAt(NOW.plusSeconds(30)));
            if (!collides) {
                fixture.givenCurrentTime(NOW)
                        .andGiven(registered(), enabled(), challenged(NOW))
                        .when(secondFactor(twoStepsOld))
                        .expectEvents(badCode(1));
            }
        }

        @Test
        void aCodeAcceptedOnceIsNeverAcceptedAgain() {
            fixture.givenCurrentTime(NOW)
                    .andGiven(registered(), enabled(), new TotpCodeUsedEvent(USER_ID, Totp.stepAt(NOW), "login"),
                            challenged(NOW))
                    .when(secondFactor(codeAt(NOW)))
                    .expectEvents(badCode(1))
                    .expectResultMessagePayload(AuthenticationResult.failed(USER_ID));
        }

        @Test
        void aWrongCodeCountsTowardTheLockoutLikeAWrongPassword() {
            fixture.givenCurrentTime(NOW)
                    .andGiven(registered(), enabled(), badCode(1), badCode(2), badCode(3), badCode(4), challenged(NOW))
                    .when(secondFactor("not-a-code"))
                    .expectEvents(badCode(5), new UserLockedOutEvent(USER_ID, 5, NOW.plus(LOCKOUT)));
        }

        @Test
        void theChallengeIsGoodForOneAttemptOnly() {
            fixture.givenCurrentTime(NOW)
                    .andGiven(registered(), enabled(), challenged(NOW), badCode(1))
                    .when(secondFactor(codeAt(NOW)))
                    .expectNoEvents()
                    .expectResultMessagePayload(AuthenticationResult.challengeInvalid(USER_ID));
        }

        @Test
        void anExpiredOrUnknownChallengeChecksNoCode() {
            fixture.givenCurrentTime(NOW)
                    .andGiven(registered(), enabled(), challenged(NOW.minus(Duration.ofMinutes(6))))
                    .when(secondFactor(codeAt(NOW)))
                    .expectNoEvents()
                    .expectResultMessagePayload(AuthenticationResult.challengeInvalid(USER_ID));
            fixture.givenCurrentTime(NOW)
                    .andGiven(registered(), enabled(), challenged(NOW))
                    .when(new VerifySecondFactorCommand(USER_ID, "another-challenge", codeAt(NOW), IP, UA))
                    .expectNoEvents()
                    .expectResultMessagePayload(AuthenticationResult.challengeInvalid(USER_ID));
        }

        @Test
        void aRecoveryCodeWorksOnceInAnySpelling() {
            fixture.givenCurrentTime(NOW)
                    .andGiven(registered(), enabled(), challenged(NOW))
                    .when(secondFactor("eeee ffff gggg hhhh"))
                    .expectEvents(new RecoveryCodeUsedEvent(USER_ID, 1, "login"), new LoginSucceededEvent(USER_ID, IP, UA));
            fixture.givenCurrentTime(NOW)
                    .andGiven(registered(), enabled(), new RecoveryCodeUsedEvent(USER_ID, 1, "login"), challenged(NOW))
                    .when(secondFactor(RECOVERY.get(1)))
                    .expectEvents(badCode(1));
        }

        @Test
        void whileLockedEvenTheRightCodeIsRefused() {
            fixture.givenCurrentTime(NOW)
                    .andGiven(registered(), enabled(), challenged(NOW),
                            new UserLockedOutEvent(USER_ID, 5, NOW.plusSeconds(20)))
                    .when(secondFactor(codeAt(NOW)))
                    .expectNoEvents()
                    .expectResultMessagePayload(AuthenticationResult.lockedOut(USER_ID, 20));
        }
    }

    @Nested
    class TurningOff {

        @Test
        void theUserTurnsItOffWithACurrentCode() {
            fixture.givenCurrentTime(NOW)
                    .andGiven(registered(), enabled())
                    .when(new DisableMfaCommand(USER_ID, codeAt(NOW), IP, UA))
                    .expectEvents(new TotpCodeUsedEvent(USER_ID, Totp.stepAt(NOW), "disable"),
                            new MfaDisabledEvent(USER_ID, USER_ID))
                    .expectResultMessagePayload(true);
        }

        @Test
        void aWrongCodeDoesNotTurnItOffAndCounts() {
            fixture.givenCurrentTime(NOW)
                    .andGiven(registered(), enabled())
                    .when(new DisableMfaCommand(USER_ID, "AAAA-AAAA-AAAA-AAAA", IP, UA))
                    .expectEvents(badCode(1))
                    .expectResultMessagePayload(false);
        }

        @Test
        void anAdminResetsItWithAReasonAndAResetOfNothingRecordsNothing() {
            fixture.given(registered(), enabled())
                    .when(new ResetMfaCommand(USER_ID, ADMIN_ID, "lost phone"))
                    .expectEvents(new MfaResetEvent(USER_ID, ADMIN_ID, "lost phone"));
            fixture.given(registered())
                    .when(new ResetMfaCommand(USER_ID, ADMIN_ID, "lost phone"))
                    .expectNoEvents();
        }

        @Test
        void afterAResetAPasswordAloneLogsIn() {
            fixture.givenCurrentTime(NOW)
                    .andGiven(registered(), enabled(), new MfaResetEvent(USER_ID, ADMIN_ID, "lost phone"))
                    .when(new AuthenticateUserCommand(USER_ID, PASSWORD, IP, UA, CHALLENGE))
                    .expectEvents(new LoginSucceededEvent(USER_ID, IP, UA));
        }
    }

    @Nested
    class Lockout {

        @Test
        void locksDoubleUpToTheMaximum() {
            LoginPolicy policy = new LoginPolicy(5, LOCKOUT, Duration.ofMinutes(15));
            assertThat(List.of(policy.lockoutFor(0), policy.lockoutFor(1), policy.lockoutFor(2), policy.lockoutFor(5),
                    policy.lockoutFor(50))).containsExactly(Duration.ofSeconds(30), Duration.ofSeconds(60),
                    Duration.ofSeconds(120), Duration.ofMinutes(15), Duration.ofMinutes(15));
        }

        @Test
        void whileLockedTheRightPasswordGets429AndAnAdminUnlockLetsItIn() {
            fixture.givenCurrentTime(NOW)
                    .andGiven(registered(), new UserLockedOutEvent(USER_ID, 5, NOW.plusSeconds(30)))
                    .when(new AuthenticateUserCommand(USER_ID, PASSWORD, IP, UA))
                    .expectNoEvents()
                    .expectResultMessagePayload(AuthenticationResult.lockedOut(USER_ID, 30));
            fixture.givenCurrentTime(NOW)
                    .andGiven(registered(), new UserLockedOutEvent(USER_ID, 5, NOW.plusSeconds(30)))
                    .when(new UnlockUserCommand(USER_ID, ADMIN_ID))
                    .expectEvents(new UserUnlockedEvent(USER_ID, ADMIN_ID));
            fixture.givenCurrentTime(NOW)
                    .andGiven(registered(), new UserLockedOutEvent(USER_ID, 5, NOW.plusSeconds(30)),
                            new UserUnlockedEvent(USER_ID, ADMIN_ID))
                    .when(new AuthenticateUserCommand(USER_ID, PASSWORD, IP, UA))
                    .expectEvents(new LoginSucceededEvent(USER_ID, IP, UA));
        }

        @Test
        void unlockingAnUnlockedAccountRecordsNothing() {
            fixture.given(registered())
                    .when(new UnlockUserCommand(USER_ID, ADMIN_ID))
                    .expectNoEvents();
        }
    }

}
