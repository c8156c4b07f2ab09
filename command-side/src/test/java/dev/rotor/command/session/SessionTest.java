package dev.rotor.command.session;

import static dev.rotor.command.RotorMatchers.rotorError;

import dev.rotor.kernel.common.RotorException;
import dev.rotor.kernel.common.ErrorCode;
import dev.rotor.kernel.session.IssueSessionCommand;
import dev.rotor.kernel.session.RecordTokenVersionRefusalCommand;
import dev.rotor.kernel.session.RefreshResult;
import dev.rotor.kernel.session.RefreshSessionCommand;
import dev.rotor.kernel.session.RefreshTokenReuseDetectedEvent;
import dev.rotor.kernel.session.RefreshTokenRotatedEvent;
import dev.rotor.kernel.session.RevocationOutcome;
import dev.rotor.kernel.session.RevocationReasons;
import dev.rotor.kernel.session.RevokeSessionCommand;
import dev.rotor.kernel.session.SessionIssuedEvent;
import dev.rotor.kernel.session.SessionRefusedForTokenVersionEvent;
import dev.rotor.kernel.session.SessionRevokedEvent;
import dev.rotor.kernel.token.RotationScope;
import dev.rotor.kernel.token.TokenVersionFloor;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SessionTest {

    private static final String SESSION_ID = "9d3e2c1b-0a4f-4e5d-8c7b-6a5f4e3d2c1b";
    private static final String USER_ID = "5f0c6a8e-1b7e-4d7a-9a55-3f1d2c3b4a59";
    private static final String OTHER_USER_ID = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
    private static final String EMAIL = "alice@example.com";
    private static final List<String> ROLES = List.of("user");
    private static final List<String> AMR = List.of("pwd");
    private static final String IP = "203.0.113.7";
    private static final String UA = "JUnit/5";

    /** Hashes of the refresh tokens of one family: H0 issued at login, each next one its successor. */
    private static final String H0 = "0000000000000000000000000000000000000000000000000000000000000000";
    private static final String H1 = "1111111111111111111111111111111111111111111111111111111111111111";
    private static final String H2 = "2222222222222222222222222222222222222222222222222222222222222222";
    private static final String H3 = "3333333333333333333333333333333333333333333333333333333333333333";
    private static final String FOREIGN = "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff";

    private static final Duration IDLE = Duration.ofDays(30);
    private static final Duration ABSOLUTE = Duration.ofDays(90);
    private static final Duration LEEWAY = Duration.ofSeconds(10);

    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
    private static final Instant LATER = NOW.plus(Duration.ofHours(1));

    private FixtureConfiguration<Session> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Session.class);
        fixture.registerInjectableResource(new SessionPolicy(IDLE, ABSOLUTE, LEEWAY));
    }

    private static SessionIssuedEvent issued(long userVersion, long globalVersion) {
        return new SessionIssuedEvent(SESSION_ID, USER_ID, EMAIL, ROLES, AMR, userVersion, globalVersion, H0, UA, IP,
                NOW, NOW.plus(IDLE), NOW.plus(ABSOLUTE));
    }

    private static SessionIssuedEvent issued() {
        return issued(1, 1);
    }

    private static RefreshTokenRotatedEvent rotated(String previous, String next, Instant at) {
        Instant idle = at.plus(IDLE).isBefore(NOW.plus(ABSOLUTE)) ? at.plus(IDLE) : NOW.plus(ABSOLUTE);
        return new RefreshTokenRotatedEvent(SESSION_ID, USER_ID, previous, next, at, idle, IP, UA);
    }

    private static RefreshSessionCommand refresh(String presented, String successor, TokenVersionFloor floor) {
        return new RefreshSessionCommand(SESSION_ID, presented, successor, floor, IP, UA);
    }

    private static RefreshSessionCommand refresh(String presented, String successor) {
        return refresh(presented, successor, TokenVersionFloor.initial());
    }

    private static RefreshResult success(RefreshResult.Outcome outcome, long userVersion, Instant idleExpiresAt) {
        return new RefreshResult(outcome, SESSION_ID, USER_ID, EMAIL, ROLES, AMR, userVersion, idleExpiresAt);
    }

    private static RefreshResult rejected() {
        return RefreshResult.rejected(SESSION_ID, RefreshResult.Outcome.REJECTED);
    }

    @Nested
    class Issue {

        @Test
        void issuingASessionStartsTheIdleAndAbsoluteClocksAtIssueTime() {
            fixture.givenCurrentTime(NOW)
                    .when(new IssueSessionCommand(SESSION_ID, USER_ID, EMAIL, ROLES, AMR, 1, 1, H0, UA, IP))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new SessionIssuedEvent(SESSION_ID, USER_ID, EMAIL, ROLES, AMR, 1, 1, H0, UA, IP,
                            NOW, NOW.plus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(90))));
        }

        @Test
        void theSessionKeepsTheVersionsStampedAtLogin() {
            fixture.givenCurrentTime(NOW)
                    .when(new IssueSessionCommand(SESSION_ID, USER_ID, EMAIL, ROLES, AMR, 4, 7, H0, UA, IP))
                    .expectEvents(new SessionIssuedEvent(SESSION_ID, USER_ID, EMAIL, ROLES, AMR, 4, 7, H0, UA, IP,
                            NOW, NOW.plus(IDLE), NOW.plus(ABSOLUTE)));
        }

        @Test
        void anIdleTimeoutLongerThanTheAbsoluteLifetimeIsCappedAtIssue() {
            FixtureConfiguration<Session> shortLived = new AggregateTestFixture<>(Session.class);
            shortLived.registerInjectableResource(new SessionPolicy(Duration.ofDays(30), Duration.ofDays(1), LEEWAY));
            shortLived.givenCurrentTime(NOW)
                    .when(new IssueSessionCommand(SESSION_ID, USER_ID, EMAIL, ROLES, AMR, 1, 1, H0, UA, IP))
                    .expectEvents(new SessionIssuedEvent(SESSION_ID, USER_ID, EMAIL, ROLES, AMR, 1, 1, H0, UA, IP,
                            NOW, NOW.plus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(1))));
        }

        @Test
        void aRepeatedIssueOfTheSameSessionIsAQuietSuccess() {
            // A retry after the first try's commit did succeed: same user, same first refresh token.
            fixture.givenCurrentTime(NOW)
                    .andGiven(issued())
                    .when(new IssueSessionCommand(SESSION_ID, USER_ID, EMAIL, ROLES, AMR, 1, 1, H0, UA, IP))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void aRepeatedIssueAfterARefreshIsStillRecognisedByItsFirstToken() {
            fixture.givenCurrentTime(NOW)
                    .andGiven(issued(), rotated(H0, H1, NOW))
                    .when(new IssueSessionCommand(SESSION_ID, USER_ID, EMAIL, ROLES, AMR, 1, 1, H0, UA, IP))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void anotherLoginNamingAnExistingSessionIsRefused() {
            fixture.givenCurrentTime(NOW)
                    .andGiven(issued())
                    .when(new IssueSessionCommand(SESSION_ID, USER_ID, EMAIL, ROLES, AMR, 1, 1, FOREIGN, UA, IP))
                    .expectException(rotorError(ErrorCode.INTERNAL_ERROR))
                    .expectNoEvents();
            fixture.givenCurrentTime(NOW)
                    .andGiven(issued())
                    .when(new IssueSessionCommand(SESSION_ID, OTHER_USER_ID, EMAIL, ROLES, AMR, 1, 1, H0, UA, IP))
                    .expectException(rotorError(ErrorCode.INTERNAL_ERROR))
                    .expectNoEvents();
        }

        @Test
        void aSessionWithoutRefreshTokenHashIsRejected() {
            fixture.givenCurrentTime(NOW)
                    .when(new IssueSessionCommand(SESSION_ID, USER_ID, EMAIL, ROLES, AMR, 1, 1, null, UA, IP))
                    .expectException(rotorError(ErrorCode.INVALID_REQUEST))
                    .expectNoEvents();
        }

        @Test
        void aSessionWithoutUserIsRejected() {
            fixture.givenCurrentTime(NOW)
                    .when(new IssueSessionCommand(SESSION_ID, null, EMAIL, ROLES, AMR, 1, 1, H0, UA, IP))
                    .expectException(rotorError(ErrorCode.INVALID_REQUEST))
                    .expectNoEvents();
        }
    }

    @Nested
    class Refresh {

        @Test
        void refreshWithTheCurrentTokenRotatesItAndSlidesTheIdleExpiry() {
            fixture.givenCurrentTime(NOW)
                    .andGiven(issued())
                    .andGivenCurrentTime(LATER)
                    .when(refresh(H0, H1))
                    .expectEvents(new RefreshTokenRotatedEvent(SESSION_ID, USER_ID, H0, H1, LATER, LATER.plus(IDLE), IP, UA))
                    .expectResultMessagePayload(success(RefreshResult.Outcome.ROTATED, 1, LATER.plus(IDLE)));
        }

        @Test
        void theSuccessorBecomesTheCurrentToken() {
            Instant second = LATER.plus(Duration.ofMinutes(15));
            fixture.givenCurrentTime(NOW)
                    .andGiven(issued(), rotated(H0, H1, LATER))
                    .andGivenCurrentTime(second)
                    .when(refresh(H1, H2))
                    .expectEvents(new RefreshTokenRotatedEvent(SESSION_ID, USER_ID, H1, H2, second, second.plus(IDLE), IP, UA))
                    .expectResultMessagePayload(success(RefreshResult.Outcome.ROTATED, 1, second.plus(IDLE)));
        }

        @Test
        void theIdleExpiryNeverExtendsPastTheAbsoluteExpiry() {
            Instant day29 = NOW.plus(Duration.ofDays(29));
            Instant day58 = NOW.plus(Duration.ofDays(58));
            Instant day80 = NOW.plus(Duration.ofDays(80));
            fixture.givenCurrentTime(NOW)
                    .andGiven(issued(), rotated(H0, H1, day29), rotated(H1, H2, day58))
                    .andGivenCurrentTime(day80)
                    .when(refresh(H2, H3))
                    .expectEvents(new RefreshTokenRotatedEvent(SESSION_ID, USER_ID, H2, H3, day80, NOW.plus(ABSOLUTE), IP, UA))
                    .expectResultMessagePayload(success(RefreshResult.Outcome.ROTATED, 1, NOW.plus(ABSOLUTE)));
        }

        @Test
        void theParentWithinTheLeewayGetsTheCurrentTokenAgainWithoutEvents() {
            fixture.givenCurrentTime(NOW)
                    .andGiven(issued(), rotated(H0, H1, LATER))
                    .andGivenCurrentTime(LATER.plusSeconds(5))
                    .when(refresh(H0, H1))
                    .expectNoEvents()
                    .expectResultMessagePayload(
                            success(RefreshResult.Outcome.REPLAYED_WITHIN_LEEWAY, 1, LATER.plus(IDLE)));
        }

        @Test
        void theParentAtTheLastInstantOfTheLeewayIsStillAReplay() {
            fixture.givenCurrentTime(NOW)
                    .andGiven(issued(), rotated(H0, H1, LATER))
                    .andGivenCurrentTime(LATER.plus(LEEWAY))
                    .when(refresh(H0, H1))
                    .expectNoEvents()
                    .expectResultMessagePayload(
                            success(RefreshResult.Outcome.REPLAYED_WITHIN_LEEWAY, 1, LATER.plus(IDLE)));
        }

        @Test
        void theParentAfterTheLeewayIsReuseAndRevokesTheSession() {
            Instant late = LATER.plusSeconds(11);
            fixture.givenCurrentTime(NOW)
                    .andGiven(issued(), rotated(H0, H1, LATER))
                    .andGivenCurrentTime(late)
                    .when(refresh(H0, H1))
                    .expectEvents(
                            new RefreshTokenReuseDetectedEvent(SESSION_ID, USER_ID, H0, late, IP, UA),
                            new SessionRevokedEvent(SESSION_ID, USER_ID, "refresh_token_reuse", "system", late))
                    .expectResultMessagePayload(
                            RefreshResult.rejected(SESSION_ID, RefreshResult.Outcome.REUSE_DETECTED));
        }

        @Test
        void theParentWithinTheLeewayWhoseSuccessorIsNotTheCurrentTokenIsReuse() {
            Instant soon = LATER.plusSeconds(5);
            fixture.givenCurrentTime(NOW)
                    .andGiven(issued(), rotated(H0, H1, LATER))
                    .andGivenCurrentTime(soon)
                    .when(refresh(H0, FOREIGN))
                    .expectEvents(
                            new RefreshTokenReuseDetectedEvent(SESSION_ID, USER_ID, H0, soon, IP, UA),
                            new SessionRevokedEvent(SESSION_ID, USER_ID, RevocationReasons.REFRESH_TOKEN_REUSE,
                                    "system", soon))
                    .expectResultMessagePayload(
                            RefreshResult.rejected(SESSION_ID, RefreshResult.Outcome.REUSE_DETECTED));
        }

        @Test
        void aGrandparentTokenIsReuseEvenWithinTheLeeway() {
            Instant second = LATER.plusSeconds(2);
            Instant soon = second.plusSeconds(1);
            fixture.givenCurrentTime(NOW)
                    .andGiven(issued(), rotated(H0, H1, LATER), rotated(H1, H2, second))
                    .andGivenCurrentTime(soon)
                    .when(refresh(H0, H1))
                    .expectEvents(
                            new RefreshTokenReuseDetectedEvent(SESSION_ID, USER_ID, H0, soon, IP, UA),
                            new SessionRevokedEvent(SESSION_ID, USER_ID, "refresh_token_reuse", "system", soon))
                    .expectResultMessagePayload(
                            RefreshResult.rejected(SESSION_ID, RefreshResult.Outcome.REUSE_DETECTED));
        }

        @Test
        void aTokenTheSessionNeverIssuedIsTreatedAsReuse() {
            fixture.givenCurrentTime(NOW)
                    .andGiven(issued())
                    .andGivenCurrentTime(LATER)
                    .when(refresh(FOREIGN, H1))
                    .expectEvents(
                            new RefreshTokenReuseDetectedEvent(SESSION_ID, USER_ID, FOREIGN, LATER, IP, UA),
                            new SessionRevokedEvent(SESSION_ID, USER_ID, "refresh_token_reuse", "system", LATER))
                    .expectResultMessagePayload(
                            RefreshResult.rejected(SESSION_ID, RefreshResult.Outcome.REUSE_DETECTED));
        }

        @Test
        void afterReuseDetectionEvenTheCurrentTokenIsRejected() {
            Instant late = LATER.plusSeconds(30);
            fixture.givenCurrentTime(NOW)
                    .andGiven(issued(), rotated(H0, H1, LATER),
                            new RefreshTokenReuseDetectedEvent(SESSION_ID, USER_ID, H0, late, IP, UA),
                            new SessionRevokedEvent(SESSION_ID, USER_ID, "refresh_token_reuse", "system", late))
                    .andGivenCurrentTime(late.plusSeconds(1))
                    .when(refresh(H1, H2))
                    .expectNoEvents()
                    .expectResultMessagePayload(rejected());
        }

        @Test
        void refreshOfARevokedSessionIsRejectedWithoutEvents() {
            fixture.givenCurrentTime(NOW)
                    .andGiven(issued(), new SessionRevokedEvent(SESSION_ID, USER_ID, "logout", USER_ID, NOW))
                    .andGivenCurrentTime(LATER)
                    .when(refresh(H0, H1))
                    .expectNoEvents()
                    .expectResultMessagePayload(rejected());
        }

        @Test
        void refreshAfterTheIdleExpiryIsRejectedWithoutEvents() {
            fixture.givenCurrentTime(NOW)
                    .andGiven(issued())
                    .andGivenCurrentTime(NOW.plus(IDLE).plusSeconds(1))
                    .when(refresh(H0, H1))
                    .expectNoEvents()
                    .expectResultMessagePayload(rejected());
        }

        @Test
        void refreshAtTheIdleExpiryInstantIsRejected() {
            fixture.givenCurrentTime(NOW)
                    .andGiven(issued())
                    .andGivenCurrentTime(NOW.plus(IDLE))
                    .when(refresh(H0, H1))
                    .expectNoEvents()
                    .expectResultMessagePayload(rejected());
        }

        @Test
        void refreshJustBeforeTheIdleExpiryRotates() {
            Instant justBefore = NOW.plus(IDLE).minusSeconds(1);
            fixture.givenCurrentTime(NOW)
                    .andGiven(issued())
                    .andGivenCurrentTime(justBefore)
                    .when(refresh(H0, H1))
                    .expectEvents(new RefreshTokenRotatedEvent(SESSION_ID, USER_ID, H0, H1, justBefore, justBefore.plus(IDLE),
                            IP, UA))
                    .expectResultMessagePayload(success(RefreshResult.Outcome.ROTATED, 1, justBefore.plus(IDLE)));
        }

        @Test
        void refreshAfterTheAbsoluteExpiryIsRejectedEvenIfTheSessionWasKeptBusy() {
            fixture.givenCurrentTime(NOW)
                    .andGiven(issued(),
                            rotated(H0, H1, NOW.plus(Duration.ofDays(29))),
                            rotated(H1, H2, NOW.plus(Duration.ofDays(58))),
                            rotated(H2, H3, NOW.plus(Duration.ofDays(85))))
                    .andGivenCurrentTime(NOW.plus(ABSOLUTE).plusSeconds(1))
                    .when(refresh(H3, FOREIGN))
                    .expectNoEvents()
                    .expectResultMessagePayload(rejected());
        }
    }

    @Nested
    class TokenVersions {

        @Test
        void aValidationRefusalIsRecordedOnTheSessionOnce() {
            fixture.givenCurrentTime(NOW)
                    .andGiven(issued(1, 1))
                    .andGivenCurrentTime(LATER)
                    .when(new RecordTokenVersionRefusalCommand(SESSION_ID, new TokenVersionFloor(1, 2, null)))
                    .expectEvents(new SessionRefusedForTokenVersionEvent(SESSION_ID, USER_ID, RotationScope.GLOBAL, 1,
                            2, LATER));
        }

        @Test
        void aValidationRefusalAfterARefreshRefusalRecordsNothing() {
            fixture.givenCurrentTime(NOW)
                    .andGiven(issued(1, 1),
                            new SessionRefusedForTokenVersionEvent(SESSION_ID, USER_ID, RotationScope.USER, 1, 2, LATER))
                    .andGivenCurrentTime(LATER.plusSeconds(5))
                    .when(new RecordTokenVersionRefusalCommand(SESSION_ID, new TokenVersionFloor(2, 1, null)))
                    .expectNoEvents();
        }

        @Test
        void aReportedRefusalThatNoLongerHoldsRecordsNothing() {
            // Inside the grace the session is acceptable again: a late or forged report changes nothing.
            fixture.givenCurrentTime(NOW)
                    .andGiven(issued(1, 1))
                    .andGivenCurrentTime(LATER)
                    .when(new RecordTokenVersionRefusalCommand(SESSION_ID,
                            new TokenVersionFloor(1, 2, LATER.plusSeconds(60))))
                    .expectNoEvents();
        }

        @Test
        void aRevokedSessionRecordsNoRefusal() {
            fixture.givenCurrentTime(NOW)
                    .andGiven(issued(1, 1), new SessionRevokedEvent(SESSION_ID, USER_ID, "logout", USER_ID, NOW))
                    .andGivenCurrentTime(LATER)
                    .when(new RecordTokenVersionRefusalCommand(SESSION_ID, new TokenVersionFloor(2, 1, null)))
                    .expectNoEvents();
        }

        @Test
        void aUserRotationRefusesTheSessionAndRecordsWhyOnce() {
            fixture.givenCurrentTime(NOW)
                    .andGiven(issued(1, 1))
                    .andGivenCurrentTime(LATER)
                    .when(refresh(H0, H1, new TokenVersionFloor(2, 1, null)))
                    .expectEvents(new SessionRefusedForTokenVersionEvent(SESSION_ID, USER_ID, RotationScope.USER, 1,
                            2, LATER))
                    .expectResultMessagePayload(rejected());
        }

        @Test
        void aSecondRefusalRecordsNothing() {
            fixture.givenCurrentTime(NOW)
                    .andGiven(issued(1, 1),
                            new SessionRefusedForTokenVersionEvent(SESSION_ID, USER_ID, RotationScope.USER, 1, 2, LATER))
                    .andGivenCurrentTime(LATER.plusSeconds(30))
                    .when(refresh(H0, H1, new TokenVersionFloor(2, 1, null)))
                    .expectNoEvents()
                    .expectResultMessagePayload(rejected());
        }

        @Test
        void aSecondRefusalForTheOtherScopeRecordsNothingEither() {
            fixture.givenCurrentTime(NOW)
                    .andGiven(issued(1, 1),
                            new SessionRefusedForTokenVersionEvent(SESSION_ID, USER_ID, RotationScope.USER, 1, 2, LATER))
                    .andGivenCurrentTime(LATER.plusSeconds(30))
                    .when(refresh(H0, H1, new TokenVersionFloor(1, 3, null)))
                    .expectNoEvents()
                    .expectResultMessagePayload(rejected());
        }

        @Test
        void aGlobalVersionOneBehindWithinTheGracePeriodStillRotates() {
            fixture.givenCurrentTime(NOW)
                    .andGiven(issued(1, 1))
                    .andGivenCurrentTime(LATER)
                    .when(refresh(H0, H1, new TokenVersionFloor(1, 2, LATER.plusSeconds(300))))
                    .expectEvents(new RefreshTokenRotatedEvent(SESSION_ID, USER_ID, H0, H1, LATER, LATER.plus(IDLE), IP, UA))
                    .expectResultMessagePayload(success(RefreshResult.Outcome.ROTATED, 1, LATER.plus(IDLE)));
        }

        @Test
        void aGlobalVersionOneBehindAfterTheGracePeriodIsRefusedWithScopeGlobal() {
            fixture.givenCurrentTime(NOW)
                    .andGiven(issued(1, 1))
                    .andGivenCurrentTime(LATER)
                    .when(refresh(H0, H1, new TokenVersionFloor(1, 2, LATER.minusSeconds(1))))
                    .expectEvents(new SessionRefusedForTokenVersionEvent(SESSION_ID, USER_ID, RotationScope.GLOBAL,
                            1, 2, LATER))
                    .expectResultMessagePayload(rejected());
        }

        @Test
        void theGracePeriodEndsExactlyAtGraceUntil() {
            fixture.givenCurrentTime(NOW)
                    .andGiven(issued(1, 1))
                    .andGivenCurrentTime(LATER)
                    .when(refresh(H0, H1, new TokenVersionFloor(1, 2, LATER)))
                    .expectEvents(new SessionRefusedForTokenVersionEvent(SESSION_ID, USER_ID, RotationScope.GLOBAL,
                            1, 2, LATER))
                    .expectResultMessagePayload(rejected());
        }

        @Test
        void aGlobalVersionOneBehindWithoutGraceIsRefused() {
            fixture.givenCurrentTime(NOW)
                    .andGiven(issued(1, 1))
                    .andGivenCurrentTime(LATER)
                    .when(refresh(H0, H1, new TokenVersionFloor(1, 2, null)))
                    .expectEvents(new SessionRefusedForTokenVersionEvent(SESSION_ID, USER_ID, RotationScope.GLOBAL,
                            1, 2, LATER))
                    .expectResultMessagePayload(rejected());
        }

        @Test
        void aGlobalVersionTwoBehindIsRefusedEvenWithinTheGracePeriod() {
            fixture.givenCurrentTime(NOW)
                    .andGiven(issued(1, 1))
                    .andGivenCurrentTime(LATER)
                    .when(refresh(H0, H1, new TokenVersionFloor(1, 3, LATER.plusSeconds(300))))
                    .expectEvents(new SessionRefusedForTokenVersionEvent(SESSION_ID, USER_ID, RotationScope.GLOBAL,
                            1, 3, LATER))
                    .expectResultMessagePayload(rejected());
        }

        @Test
        void theUserScopeIsJudgedBeforeTheGlobalScope() {
            fixture.givenCurrentTime(NOW)
                    .andGiven(issued(1, 1))
                    .andGivenCurrentTime(LATER)
                    .when(refresh(H0, H1, new TokenVersionFloor(3, 3, null)))
                    .expectEvents(new SessionRefusedForTokenVersionEvent(SESSION_ID, USER_ID, RotationScope.USER, 1,
                            3, LATER))
                    .expectResultMessagePayload(rejected());
        }

        @Test
        void aNewSessionSurvivesItsFirstRefreshAfterAUserRotation() {
            fixture.givenCurrentTime(NOW)
                    .andGiven(issued(2, 1))
                    .andGivenCurrentTime(LATER)
                    .when(refresh(H0, H1, new TokenVersionFloor(2, 1, null)))
                    .expectEvents(new RefreshTokenRotatedEvent(SESSION_ID, USER_ID, H0, H1, LATER, LATER.plus(IDLE), IP, UA))
                    .expectResultMessagePayload(success(RefreshResult.Outcome.ROTATED, 2, LATER.plus(IDLE)));
        }

        @Test
        void aSessionAheadOfTheFloorRotates() {
            fixture.givenCurrentTime(NOW)
                    .andGiven(issued(3, 4))
                    .andGivenCurrentTime(LATER)
                    .when(refresh(H0, H1, new TokenVersionFloor(2, 3, null)))
                    .expectEvents(new RefreshTokenRotatedEvent(SESSION_ID, USER_ID, H0, H1, LATER, LATER.plus(IDLE), IP, UA))
                    .expectResultMessagePayload(success(RefreshResult.Outcome.ROTATED, 3, LATER.plus(IDLE)));
        }
    }

    @Nested
    class Revoke {

        @Test
        void revokingAnActiveSessionRecordsTheRevocation() {
            fixture.givenCurrentTime(NOW)
                    .andGiven(issued())
                    .andGivenCurrentTime(LATER)
                    .when(new RevokeSessionCommand(SESSION_ID, USER_ID, RevocationReasons.LOGOUT, USER_ID))
                    .expectEvents(new SessionRevokedEvent(SESSION_ID, USER_ID, "logout", USER_ID, LATER))
                    .expectResultMessagePayload(RevocationOutcome.REVOKED);
        }

        @Test
        void anAdminRevokesWithoutOwnerCheck() {
            String adminId = "0b8c1f7e-7a0d-4f5f-8c0e-6f9a2d1e3c4b";
            fixture.givenCurrentTime(NOW)
                    .andGiven(issued())
                    .andGivenCurrentTime(LATER)
                    .when(new RevokeSessionCommand(SESSION_ID, null, RevocationReasons.ADMIN_REVOKED, adminId))
                    .expectEvents(new SessionRevokedEvent(SESSION_ID, USER_ID, "admin_revoked", adminId, LATER))
                    .expectResultMessagePayload(RevocationOutcome.REVOKED);
        }

        @Test
        void repeatedRevokeChangesNothing() {
            fixture.givenCurrentTime(NOW)
                    .andGiven(issued(), new SessionRevokedEvent(SESSION_ID, USER_ID, "logout", USER_ID, NOW))
                    .andGivenCurrentTime(LATER)
                    .when(new RevokeSessionCommand(SESSION_ID, USER_ID, RevocationReasons.LOGOUT, USER_ID))
                    .expectNoEvents()
                    .expectResultMessagePayload(RevocationOutcome.ALREADY_INACTIVE);
        }

        @Test
        void revokingAnExpiredSessionChangesNothing() {
            fixture.givenCurrentTime(NOW)
                    .andGiven(issued())
                    .andGivenCurrentTime(NOW.plus(IDLE).plusSeconds(1))
                    .when(new RevokeSessionCommand(SESSION_ID, USER_ID, RevocationReasons.LOGOUT, USER_ID))
                    .expectNoEvents()
                    .expectResultMessagePayload(RevocationOutcome.ALREADY_INACTIVE);
        }

        @Test
        void revokingAnotherUsersSessionIsNotFound() {
            fixture.givenCurrentTime(NOW)
                    .andGiven(issued())
                    .andGivenCurrentTime(LATER)
                    .when(new RevokeSessionCommand(SESSION_ID, OTHER_USER_ID, RevocationReasons.USER_REVOKED,
                            OTHER_USER_ID))
                    .expectException(RotorException.class)
                    .expectException(rotorError(ErrorCode.NOT_FOUND))
                    .expectNoEvents();
        }

        @Test
        void anotherUsersInactiveSessionIsNotFoundEither() {
            fixture.givenCurrentTime(NOW)
                    .andGiven(issued(), new SessionRevokedEvent(SESSION_ID, USER_ID, "logout", USER_ID, NOW))
                    .andGivenCurrentTime(LATER)
                    .when(new RevokeSessionCommand(SESSION_ID, OTHER_USER_ID, RevocationReasons.USER_REVOKED,
                            OTHER_USER_ID))
                    .expectException(rotorError(ErrorCode.NOT_FOUND))
                    .expectNoEvents();
        }
    }
}
