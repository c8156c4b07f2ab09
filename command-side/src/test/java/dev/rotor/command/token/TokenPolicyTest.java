package dev.rotor.command.token;

import static dev.rotor.command.RotorMatchers.rotorError;

import dev.rotor.kernel.common.ErrorCode;
import dev.rotor.kernel.common.RotorException;
import dev.rotor.kernel.token.GlobalRotationResult;
import dev.rotor.kernel.token.RotationScope;
import dev.rotor.kernel.token.TokenRotatedEvent;
import dev.rotor.kernel.token.TriggerGlobalTokenRotationCommand;
import dev.rotor.command.account.RecentRotations;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokenPolicyTest {

    private static final String GLOBAL = "global";
    private static final String ADMIN_ID = "0b8c1f7e-7a0d-4f5f-8c0e-6f9a2d1e3c4b";
    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
    private static final String REQUEST = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
    private static final String OTHER_REQUEST = "1e2d3c4b-5a69-4788-9a0b-c1d2e3f4a5b6";

    private FixtureConfiguration<TokenPolicy> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(TokenPolicy.class);
    }

    private static TriggerGlobalTokenRotationCommand rotate(String reason, long graceSeconds) {
        return new TriggerGlobalTokenRotationCommand(GLOBAL, ADMIN_ID, reason, graceSeconds);
    }

    private static TriggerGlobalTokenRotationCommand rotate(String reason, long graceSeconds, String requestId) {
        return new TriggerGlobalTokenRotationCommand(GLOBAL, ADMIN_ID, reason, graceSeconds, requestId);
    }

    @Test
    void theFirstGlobalRotationCreatesThePolicyAndRaisesTheVersionFromOneToTwo() {
        TestExecutor<TokenPolicy> noPriorActivity = fixture.givenNoPriorActivity();
        Instant now = noPriorActivity.currentTime();
        noPriorActivity
                .when(rotate("signing key leaked", 300))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new TokenRotatedEvent(GLOBAL, RotationScope.GLOBAL, 1, 2, 300, now, ADMIN_ID,
                        "signing key leaked"))
                .expectResultMessagePayload(new GlobalRotationResult(1, 2, 300));
    }

    @Test
    void theRotationIsStampedWithTheCurrentTime() {
        fixture.givenCurrentTime(NOW)
                .when(rotate("scheduled", 0))
                .expectEvents(new TokenRotatedEvent(GLOBAL, RotationScope.GLOBAL, 1, 2, 0, NOW, ADMIN_ID,
                        "scheduled"));
    }

    @Test
    void aSecondGlobalRotationRaisesTheVersionFromTwoToThree() {
        Instant later = NOW.plusSeconds(3600);
        fixture.givenCurrentTime(NOW)
                .andGiven(new TokenRotatedEvent(GLOBAL, RotationScope.GLOBAL, 1, 2, 300, NOW, ADMIN_ID, "first"))
                .andGivenCurrentTime(later)
                .when(rotate("second", 60))
                .expectEvents(new TokenRotatedEvent(GLOBAL, RotationScope.GLOBAL, 2, 3, 60, later, ADMIN_ID,
                        "second"))
                .expectResultMessagePayload(new GlobalRotationResult(2, 3, 60));
    }

    @Test
    void twoRotationsInARowEachRaiseTheVersionByOne() {
        fixture.givenCurrentTime(NOW)
                .andGivenCommands(rotate("first", 0), rotate("second", 0))
                .when(rotate("third", 0))
                .expectEvents(new TokenRotatedEvent(GLOBAL, RotationScope.GLOBAL, 3, 4, 0, NOW, ADMIN_ID, "third"))
                .expectResultMessagePayload(new GlobalRotationResult(3, 4, 0));
    }

    @Test
    void theReasonIsRecordedWithoutSurroundingWhitespace() {
        fixture.givenCurrentTime(NOW)
                .when(rotate("  key rollover  ", 0))
                .expectEvents(new TokenRotatedEvent(GLOBAL, RotationScope.GLOBAL, 1, 2, 0, NOW, ADMIN_ID,
                        "key rollover"));
    }

    @Test
    void theRotationRecordsTheRequestThatAskedForIt() {
        fixture.givenCurrentTime(NOW)
                .when(rotate("rollover", 0, REQUEST))
                .expectEvents(new TokenRotatedEvent(GLOBAL, RotationScope.GLOBAL, 1, 2, 0, NOW, ADMIN_ID, "rollover",
                        REQUEST));
    }

    @Test
    void aRepeatedRequestIsAnsweredWithItsFirstResultAndAppendsNothing() {
        fixture.givenCurrentTime(NOW)
                .andGiven(new TokenRotatedEvent(GLOBAL, RotationScope.GLOBAL, 1, 2, 300, NOW, ADMIN_ID, "first",
                                REQUEST),
                        new TokenRotatedEvent(GLOBAL, RotationScope.GLOBAL, 2, 3, 60, NOW, ADMIN_ID, "second",
                                OTHER_REQUEST))
                .when(rotate("first", 300, REQUEST))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(new GlobalRotationResult(1, 2, 300));
    }

    @Test
    void aRetriedCommandRotatesOnceAndAnotherRequestRotatesAgain() {
        fixture.givenCurrentTime(NOW)
                .andGivenCommands(rotate("first", 0, REQUEST), rotate("first", 0, REQUEST))
                .when(rotate("second", 0, OTHER_REQUEST))
                .expectEvents(new TokenRotatedEvent(GLOBAL, RotationScope.GLOBAL, 2, 3, 0, NOW, ADMIN_ID, "second",
                        OTHER_REQUEST))
                .expectResultMessagePayload(new GlobalRotationResult(2, 3, 0));
    }

    @Test
    void onlyTheLastHundredRequestsAreRemembered() {
        List<Object> history = new ArrayList<>();
        for (int i = 0; i <= RecentRotations.REMEMBERED; i++) {
            history.add(new TokenRotatedEvent(GLOBAL, RotationScope.GLOBAL, i + 1, i + 2, 0, NOW, ADMIN_ID, "r" + i,
                    "request-" + i));
        }
        fixture.givenCurrentTime(NOW)
                .andGiven(history)
                .when(rotate("r0", 0, "request-0"))
                .expectEvents(new TokenRotatedEvent(GLOBAL, RotationScope.GLOBAL, 102, 103, 0, NOW, ADMIN_ID, "r0",
                        "request-0"));
        fixture.givenCurrentTime(NOW)
                .andGiven(history)
                .when(rotate("r1", 0, "request-1"))
                .expectNoEvents()
                .expectResultMessagePayload(new GlobalRotationResult(2, 3, 0));
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 86_400})
    void graceAtTheLimitsIsAccepted(long grace) {
        fixture.givenCurrentTime(NOW)
                .when(rotate("rollover", grace))
                .expectEvents(new TokenRotatedEvent(GLOBAL, RotationScope.GLOBAL, 1, 2, grace, NOW, ADMIN_ID,
                        "rollover"))
                .expectResultMessagePayload(new GlobalRotationResult(1, 2, grace));
    }

    @ParameterizedTest
    @ValueSource(longs = {-1, 86_401})
    void graceOutsideZeroToOneDayIsRejected(long grace) {
        fixture.givenNoPriorActivity()
                .when(rotate("rollover", grace))
                .expectException(RotorException.class)
                .expectException(rotorError(ErrorCode.INVALID_REQUEST))
                .expectExceptionMessage("grace_period_seconds: must be between 0 and 86400")
                .expectNoEvents();
    }

    @Test
    void invalidGraceOnAnExistingPolicyIsRejectedToo() {
        fixture.givenCurrentTime(NOW)
                .andGiven(new TokenRotatedEvent(GLOBAL, RotationScope.GLOBAL, 1, 2, 300, NOW, ADMIN_ID, "first"))
                .when(rotate("rollover", 86_401))
                .expectException(rotorError(ErrorCode.INVALID_REQUEST))
                .expectNoEvents();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\t"})
    void aBlankReasonIsRejected(String reason) {
        fixture.givenNoPriorActivity()
                .when(rotate(reason, 0))
                .expectException(RotorException.class)
                .expectException(rotorError(ErrorCode.INVALID_REQUEST))
                .expectExceptionMessage("reason: must not be blank")
                .expectNoEvents();
    }

    @Test
    void aMissingReasonIsRejected() {
        fixture.givenNoPriorActivity()
                .when(rotate(null, 0))
                .expectException(rotorError(ErrorCode.INVALID_REQUEST))
                .expectNoEvents();
    }

    @Test
    void a501CharacterReasonIsRejected() {
        fixture.givenNoPriorActivity()
                .when(rotate("r".repeat(501), 0))
                .expectException(rotorError(ErrorCode.INVALID_REQUEST))
                .expectExceptionMessage("reason: at most 500 characters")
                .expectNoEvents();
    }
}
