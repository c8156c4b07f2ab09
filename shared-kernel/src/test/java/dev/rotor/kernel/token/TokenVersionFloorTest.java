package dev.rotor.kernel.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The token version rule of API.md, once, for both sides. */
class TokenVersionFloorTest {

    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

    @Test
    void initialFloorAcceptsInitialSessions() {
        assertThat(TokenVersionFloor.initial().judge(1, 1, NOW)).isEqualTo(TokenVersionVerdict.ACCEPTED);
    }

    @Test
    void userVersionBelowTheUserMinimumIsRefusedWithoutGrace() {
        TokenVersionFloor floor = new TokenVersionFloor(2, 1, NOW.plusSeconds(300));
        assertThat(floor.judge(1, 1, NOW)).isEqualTo(TokenVersionVerdict.USER_VERSION_TOO_OLD);
    }

    @Test
    void sessionOneGlobalVersionBehindPassesOnlyInsideTheGrace() {
        TokenVersionFloor floor = new TokenVersionFloor(1, 2, NOW.plusSeconds(300));
        assertThat(floor.judge(1, 1, NOW.plusSeconds(299))).isEqualTo(TokenVersionVerdict.ACCEPTED_IN_GRACE);
        assertThat(floor.judge(1, 1, NOW.plusSeconds(300))).isEqualTo(TokenVersionVerdict.GLOBAL_VERSION_TOO_OLD);
    }

    @Test
    void sessionTwoGlobalVersionsBehindFailsEvenInsideTheGrace() {
        TokenVersionFloor floor = new TokenVersionFloor(1, 3, NOW.plusSeconds(300));
        assertThat(floor.judge(1, 1, NOW)).isEqualTo(TokenVersionVerdict.GLOBAL_VERSION_TOO_OLD);
        assertThat(floor.judge(1, 2, NOW)).isEqualTo(TokenVersionVerdict.ACCEPTED_IN_GRACE);
    }

    @Test
    void noGraceMeansOneBehindFailsAtOnce() {
        assertThat(new TokenVersionFloor(1, 2, null).judge(1, 1, NOW)).isEqualTo(TokenVersionVerdict.GLOBAL_VERSION_TOO_OLD);
    }

    @Test
    void eachStampIsComparedWithItsOwnMinimum() {
        // A session issued after a user rotation (user 3) but before any global one (global 1)
        // passes a floor of user 3 / global 1; and the reverse stamps do not mix either.
        assertThat(new TokenVersionFloor(3, 1, null).judge(3, 1, NOW)).isEqualTo(TokenVersionVerdict.ACCEPTED);
        assertThat(new TokenVersionFloor(1, 3, null).judge(1, 3, NOW)).isEqualTo(TokenVersionVerdict.ACCEPTED);
        assertThat(new TokenVersionFloor(3, 1, null).judge(1, 3, NOW)).isEqualTo(TokenVersionVerdict.USER_VERSION_TOO_OLD);
    }
}
