package dev.rotor.command.login;

import dev.rotor.command.account.Argon2idPasswordHasher;
import dev.rotor.command.account.LoginPolicy;
import dev.rotor.command.account.PasswordHashingProperties;
import dev.rotor.kernel.account.AttemptUnknownEmailLoginCommand;
import dev.rotor.kernel.account.AuthenticationResult;
import dev.rotor.kernel.account.UnknownEmailLockedOutEvent;
import dev.rotor.kernel.account.UnknownEmailLoginFailedEvent;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An email without an account fails and locks out exactly as an account does. */
class UnknownEmailThrottleTest {

    private static final String ID = "unknown-email:0123";
    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
    private static final Duration LOCKOUT = Duration.ofSeconds(30);

    private FixtureConfiguration<UnknownEmailThrottle> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(UnknownEmailThrottle.class);
        fixture.registerInjectableResource(new Argon2idPasswordHasher(new PasswordHashingProperties(1024, 1, 1, 0, 0,
                java.time.Duration.ofSeconds(1), 0, java.time.Duration.ofSeconds(30))));
        fixture.registerInjectableResource(new LoginPolicy(5, LOCKOUT, Duration.ofMinutes(15)));
    }

    private static AttemptUnknownEmailLoginCommand attempt() {
        return new AttemptUnknownEmailLoginCommand(ID, "any password at all", "203.0.113.7", "JUnit/5");
    }

    private static UnknownEmailLoginFailedEvent failed(int n) {
        return new UnknownEmailLoginFailedEvent(ID, n, "203.0.113.7", "JUnit/5");
    }

    @Test
    void theFirstAttemptCreatesTheThrottleAndFails() {
        fixture.givenCurrentTime(NOW)
                .andGiven()
                .when(attempt())
                .expectEvents(failed(1))
                .expectResultMessagePayload(AuthenticationResult.failed(null));
    }

    @Test
    void theFifthFailureLocksAndWhileLockedNothingIsHashedOrRecorded() {
        fixture.givenCurrentTime(NOW)
                .andGiven(failed(1), failed(2), failed(3), failed(4))
                .when(attempt())
                .expectEvents(failed(5), new UnknownEmailLockedOutEvent(ID, 5, NOW.plus(LOCKOUT)));
        fixture.givenCurrentTime(NOW)
                .andGiven(failed(1), failed(2), failed(3), failed(4), failed(5),
                        new UnknownEmailLockedOutEvent(ID, 5, NOW.plus(LOCKOUT)))
                .when(attempt())
                .expectNoEvents()
                .expectResultMessagePayload(AuthenticationResult.lockedOut(null, 30));
    }

    @Test
    void aFailureAfterTheLockLocksAgainForTwiceAsLong() {
        fixture.givenCurrentTime(NOW)
                .andGiven(failed(1), failed(2), failed(3), failed(4), failed(5),
                        new UnknownEmailLockedOutEvent(ID, 5, NOW.plus(LOCKOUT)))
                .andGivenCurrentTime(NOW.plus(LOCKOUT))
                .when(attempt())
                .expectEvents(failed(6), new UnknownEmailLockedOutEvent(ID, 6, NOW.plus(LOCKOUT).plus(LOCKOUT.multipliedBy(2))));
    }
}
