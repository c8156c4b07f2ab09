package dev.rotor.command.keys;

import static dev.rotor.command.RotorMatchers.rotorError;

import dev.rotor.kernel.common.ErrorCode;
import dev.rotor.kernel.keys.AdoptSigningKeyCommand;
import dev.rotor.kernel.keys.RetireDueSigningKeysCommand;
import dev.rotor.kernel.keys.RotateSigningKeyCommand;
import dev.rotor.kernel.keys.RotateSigningKeyIfDueCommand;
import dev.rotor.kernel.keys.SigningKeyActivatedEvent;
import dev.rotor.kernel.keys.SigningKeyGeneratedEvent;
import dev.rotor.kernel.keys.SigningKeyRetiredEvent;
import dev.rotor.kernel.keys.SigningKeyRetiringEvent;
import dev.rotor.kernel.keys.SigningKeyRotationResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SigningKeyRingTest {

    private static final String RING = "signing-keys";
    private static final String ADMIN_ID = "0b8c1f7e-7a0d-4f5f-8c0e-6f9a2d1e3c4b";
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant CREATED = Instant.parse("2025-01-01T00:00:00Z");
    private static final Duration DELAY = Duration.ofSeconds(15 * 60 + 35);
    private static final String REQUEST = "7c9e6679-7425-40de-944b-e07fc1f90ae7";

    /** Hands out keys k1, k2, ... and the initial key k0, as the app's key store would. */
    static final class FakeVault implements SigningKeyVault {
        private int next = 1;

        @Override
        public PublicSigningKey generate() {
            String kid = "k" + next++;
            return new PublicSigningKey(kid, jwk(kid), NOW);
        }

        @Override
        public PublicSigningKey initialKey() {
            return new PublicSigningKey("k0", jwk("k0"), CREATED);
        }

        @Override
        public Duration retirementDelay() {
            return DELAY;
        }

        @Override
        public Optional<Instant> activeSince() {
            return Optional.empty();
        }

        @Override
        public boolean activeKeyMissing() {
            return false;
        }

        @Override
        public boolean retirementDue(Instant now) {
            return false;
        }
    }

    private FixtureConfiguration<SigningKeyRing> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(SigningKeyRing.class);
        fixture.registerInjectableResource(new FakeVault());
    }

    private static String jwk(String kid) {
        return "{\"kty\":\"EC\",\"crv\":\"P-256\",\"kid\":\"" + kid + "\",\"x\":\"x\",\"y\":\"y\"}";
    }

    private static Object[] adopted(Instant at) {
        return new Object[] {new SigningKeyGeneratedEvent(RING, "k0", jwk("k0"), CREATED),
                new SigningKeyActivatedEvent(RING, "k0", null, at, SigningKeyRing.SYSTEM, SigningKeyRing.ADOPTED_REASON,
                        null)};
    }

    private static RotateSigningKeyCommand rotate(String reason, String requestId) {
        return new RotateSigningKeyCommand(RING, ADMIN_ID, reason, requestId);
    }

    @Test
    void theInitialKeyIsAdoptedWithItsKidAsTheFirstActiveKey() {
        fixture.givenCurrentTime(NOW)
                .when(new AdoptSigningKeyCommand(RING, "k0", jwk("k0"), CREATED))
                .expectEvents(adopted(NOW));
    }

    @Test
    void adoptingAgainOnAnotherNodeChangesNothing() {
        fixture.givenCurrentTime(NOW)
                .andGiven(adopted(NOW))
                .when(new AdoptSigningKeyCommand(RING, "other", jwk("other"), CREATED))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aRotationActivatesANewKeyAndRetiresThePreviousOneAfterTheTokenLifetime() {
        fixture.givenCurrentTime(NOW)
                .andGiven(adopted(NOW.minusSeconds(86_400)))
                .when(rotate("  yearly rollover ", REQUEST))
                .expectEvents(new SigningKeyGeneratedEvent(RING, "k1", jwk("k1"), NOW),
                        new SigningKeyActivatedEvent(RING, "k1", "k0", NOW, ADMIN_ID, "yearly rollover", REQUEST),
                        new SigningKeyRetiringEvent(RING, "k0", NOW, NOW.plus(DELAY)))
                .expectResultMessagePayload(new SigningKeyRotationResult("k1", "k0"));
    }

    @Test
    void aRotationOfARingWithoutKeysAdoptsTheInitialKeyFirstSoItsTokensStayValid() {
        fixture.givenCurrentTime(NOW)
                .when(rotate("first rotation", REQUEST))
                .expectEvents(adopted(NOW)[0], adopted(NOW)[1],
                        new SigningKeyGeneratedEvent(RING, "k1", jwk("k1"), NOW),
                        new SigningKeyActivatedEvent(RING, "k1", "k0", NOW, ADMIN_ID, "first rotation", REQUEST),
                        new SigningKeyRetiringEvent(RING, "k0", NOW, NOW.plus(DELAY)))
                .expectResultMessagePayload(new SigningKeyRotationResult("k1", "k0"));
    }

    @Test
    void aRetriedRequestIsAnsweredWithItsFirstResultAndGeneratesNothing() {
        fixture.givenCurrentTime(NOW)
                .andGiven(adopted(NOW.minusSeconds(60)))
                .andGiven(new SigningKeyGeneratedEvent(RING, "k7", jwk("k7"), NOW),
                        new SigningKeyActivatedEvent(RING, "k7", "k0", NOW, ADMIN_ID, "rollover", REQUEST),
                        new SigningKeyRetiringEvent(RING, "k0", NOW, NOW.plus(DELAY)))
                .when(rotate("rollover", REQUEST))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(new SigningKeyRotationResult("k7", "k0"));
    }

    @Test
    void twoRotationsInARowLeaveTwoKeysRetiring() {
        fixture.givenCurrentTime(NOW)
                .andGiven(adopted(NOW.minusSeconds(60)))
                .andGivenCommands(rotate("first", "request-1"))
                .when(rotate("second", "request-2"))
                .expectEvents(new SigningKeyGeneratedEvent(RING, "k2", jwk("k2"), NOW),
                        new SigningKeyActivatedEvent(RING, "k2", "k1", NOW, ADMIN_ID, "second", "request-2"),
                        new SigningKeyRetiringEvent(RING, "k1", NOW, NOW.plus(DELAY)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void aBlankReasonIsRefused(String reason) {
        fixture.givenCurrentTime(NOW)
                .andGiven(adopted(NOW))
                .when(rotate(reason, REQUEST))
                .expectException(rotorError(ErrorCode.INVALID_REQUEST))
                .expectNoEvents();
    }

    @Test
    void aReasonOverFiveHundredCharactersIsRefused() {
        fixture.givenCurrentTime(NOW)
                .andGiven(adopted(NOW))
                .when(rotate("x".repeat(501), REQUEST))
                .expectException(rotorError(ErrorCode.INVALID_REQUEST))
                .expectNoEvents();
    }

    @Test
    void aRetiringKeyIsRetiredOnceItsTimeHasPassed() {
        Instant retiresAt = NOW.plus(DELAY);
        fixture.givenCurrentTime(NOW)
                .andGiven(adopted(NOW.minusSeconds(60)))
                .andGiven(new SigningKeyGeneratedEvent(RING, "k1", jwk("k1"), NOW),
                        new SigningKeyActivatedEvent(RING, "k1", "k0", NOW, ADMIN_ID, "rollover", REQUEST),
                        new SigningKeyRetiringEvent(RING, "k0", NOW, retiresAt))
                .andGivenCurrentTime(retiresAt)
                .when(new RetireDueSigningKeysCommand(RING))
                .expectEvents(new SigningKeyRetiredEvent(RING, "k0", retiresAt));
    }

    @Test
    void aRetiringKeyIsNotRetiredBeforeItsTimeNorTheActiveKeyEver() {
        Instant retiresAt = NOW.plus(DELAY);
        fixture.givenCurrentTime(NOW)
                .andGiven(adopted(NOW.minusSeconds(60)))
                .andGiven(new SigningKeyGeneratedEvent(RING, "k1", jwk("k1"), NOW),
                        new SigningKeyActivatedEvent(RING, "k1", "k0", NOW, ADMIN_ID, "rollover", REQUEST),
                        new SigningKeyRetiringEvent(RING, "k0", NOW, retiresAt))
                .andGivenCurrentTime(retiresAt.minusMillis(1))
                .when(new RetireDueSigningKeysCommand(RING))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aRetiredKeyIsNotRetiredTwice() {
        Instant retiresAt = NOW.plus(DELAY);
        fixture.givenCurrentTime(NOW)
                .andGiven(adopted(NOW.minusSeconds(60)))
                .andGiven(new SigningKeyGeneratedEvent(RING, "k1", jwk("k1"), NOW),
                        new SigningKeyActivatedEvent(RING, "k1", "k0", NOW, ADMIN_ID, "rollover", REQUEST),
                        new SigningKeyRetiringEvent(RING, "k0", NOW, retiresAt),
                        new SigningKeyRetiredEvent(RING, "k0", retiresAt))
                .andGivenCurrentTime(retiresAt.plusSeconds(3600))
                .when(new RetireDueSigningKeysCommand(RING))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aScheduledRotationRotatesAKeyThatReachedItsAge() {
        fixture.givenCurrentTime(NOW.minus(Duration.ofDays(30)))
                .andGiven(adopted(NOW.minus(Duration.ofDays(30))))
                .andGivenCurrentTime(NOW)
                .when(new RotateSigningKeyIfDueCommand(RING, Duration.ofDays(30).toSeconds()))
                .expectEvents(new SigningKeyGeneratedEvent(RING, "k1", jwk("k1"), NOW),
                        new SigningKeyActivatedEvent(RING, "k1", "k0", NOW, SigningKeyRing.SYSTEM,
                                SigningKeyRing.SCHEDULED_REASON, null),
                        new SigningKeyRetiringEvent(RING, "k0", NOW, NOW.plus(DELAY)))
                .expectResultMessagePayload(new SigningKeyRotationResult("k1", "k0"));
    }

    @Test
    void aScheduledRotationLeavesAYoungerKeyAlone() {
        // A second node finds the key its neighbour just rotated in: nothing to do.
        fixture.givenCurrentTime(NOW)
                .andGiven(adopted(NOW.minus(Duration.ofDays(30)).plusSeconds(1)))
                .when(new RotateSigningKeyIfDueCommand(RING, Duration.ofDays(30).toSeconds()))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }
}
