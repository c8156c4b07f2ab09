package dev.rotor.query.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rotor.kernel.session.RefreshTokenReuseDetectedEvent;
import dev.rotor.kernel.session.RefreshTokenRotatedEvent;
import dev.rotor.kernel.session.SessionIssuedEvent;
import dev.rotor.kernel.session.SessionRefusedForTokenVersionEvent;
import dev.rotor.kernel.session.SessionRevokedEvent;
import dev.rotor.kernel.token.RotationScope;
import dev.rotor.kernel.token.TokenRotatedEvent;
import dev.rotor.query.audit.SessionHistory.Judgement;
import dev.rotor.query.audit.SessionHistory.Stamped;
import dev.rotor.query.audit.SessionHistory.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A session judged at chosen instants of its history: every verdict, and the event that decided it. */
class SessionHistoryTest {

    private static final Instant ISSUED = Instant.parse("2026-03-01T10:00:00Z");
    private static final Duration IDLE = Duration.ofMinutes(30);
    private static final Duration ABSOLUTE = Duration.ofHours(10);
    private static final String SESSION = "s1";
    private static final String USER = "u1";

    private final List<Stamped<Object>> sessionEvents = new ArrayList<>();
    private final List<Stamped<TokenRotatedEvent>> userRotations = new ArrayList<>();
    private final List<Stamped<TokenRotatedEvent>> globalRotations = new ArrayList<>();

    private void issued(long userVersion, long globalVersion) {
        sessionEvents.add(new Stamped<>(ISSUED, new SessionIssuedEvent(SESSION, USER, "a@example.com",
                List.of("user"), List.of("pwd"), userVersion, globalVersion, "h0", "curl", "10.0.0.1", ISSUED,
                ISSUED.plus(IDLE), ISSUED.plus(ABSOLUTE))));
    }

    private void refreshed(Instant at) {
        sessionEvents.add(new Stamped<>(at, new RefreshTokenRotatedEvent(SESSION, null, "h0", "h1", at, at.plus(IDLE),
                "10.0.0.1", "curl")));
    }

    private void revoked(Instant at, String reason, String by) {
        sessionEvents.add(new Stamped<>(at, new SessionRevokedEvent(SESSION, USER, reason, by, at)));
    }

    private void userRotation(Instant at, long to, String reason) {
        userRotations.add(new Stamped<>(at, new TokenRotatedEvent(USER, RotationScope.USER, to - 1, to, 0, at, USER,
                reason)));
    }

    private void globalRotation(Instant at, long to, long graceSeconds, String reason) {
        globalRotations.add(new Stamped<>(at, new TokenRotatedEvent("global", RotationScope.GLOBAL, to - 1, to,
                graceSeconds, at, "admin-1", reason)));
    }

    private Judgement at(Instant at) {
        return new SessionHistory(sessionEvents, userRotations, globalRotations).at(at);
    }

    private static Instant plus(long seconds) {
        return ISSUED.plusSeconds(seconds);
    }

    @Test
    void validWhileActiveAndUnrotated() {
        issued(1, 1);
        Judgement judgement = at(plus(60));
        assertThat(judgement.verdict()).isEqualTo(Verdict.VALID);
        assertThat(judgement.valid()).isTrue();
        assertThat(judgement.explanation()).contains("valid").contains(ISSUED.toString());
    }

    @Test
    void notYetIssuedBeforeItsIssueAndValidFromThatInstantOn() {
        issued(1, 1);
        Judgement before = at(ISSUED.minusNanos(1000));
        assertThat(before.verdict()).isEqualTo(Verdict.NOT_YET_ISSUED);
        assertThat(before.valid()).isFalse();
        assertThat(before.explanation()).contains("issued at " + ISSUED);
        assertThat(at(ISSUED).verdict()).isEqualTo(Verdict.VALID);
    }

    @Test
    void revokedFromTheRevocationOnNamingItsReasonAndActor() {
        issued(1, 1);
        revoked(plus(120), "logout", USER);
        assertThat(at(plus(119)).verdict()).isEqualTo(Verdict.VALID);
        Judgement judgement = at(plus(120));
        assertThat(judgement.verdict()).isEqualTo(Verdict.REVOKED);
        assertThat(judgement.explanation()).isEqualTo("revoked by logout at " + plus(120) + ", by " + USER);
    }

    @Test
    void reuseDetectedWhenARotatedOutTokenCameBack() {
        issued(1, 1);
        refreshed(plus(60));
        sessionEvents.add(new Stamped<>(plus(90), new RefreshTokenReuseDetectedEvent(SESSION, USER, "h0", plus(90),
                "10.6.6.6", "curl")));
        revoked(plus(90), "refresh_token_reuse", "system");
        assertThat(at(plus(89)).verdict()).isEqualTo(Verdict.VALID);
        Judgement judgement = at(plus(90));
        assertThat(judgement.verdict()).isEqualTo(Verdict.REUSE_DETECTED);
        assertThat(judgement.explanation()).contains("reuse detected at " + plus(90)).contains("10.6.6.6");
    }

    @Test
    void aRevocationForReuseIsReuseEvenWithoutTheDetectionEvent() {
        issued(1, 1);
        revoked(plus(90), "refresh_token_reuse", "system");
        assertThat(at(plus(90)).verdict()).isEqualTo(Verdict.REUSE_DETECTED);
    }

    @Test
    void idleExpiredWhenNotRefreshedInTime() {
        issued(1, 1);
        Judgement judgement = at(ISSUED.plus(IDLE));
        assertThat(judgement.verdict()).isEqualTo(Verdict.IDLE_EXPIRED);
        assertThat(judgement.explanation()).contains("idle expiry at " + ISSUED.plus(IDLE)).contains("never refreshed");
        assertThat(at(ISSUED.plus(IDLE).minusNanos(1000)).verdict()).isEqualTo(Verdict.VALID);
    }

    @Test
    void idleExpirySlidesWithEachRefresh() {
        issued(1, 1);
        refreshed(plus(600));
        refreshed(plus(1200));
        Instant slid = plus(1200).plus(IDLE);
        assertThat(at(ISSUED.plus(IDLE).plusSeconds(1)).verdict()).isEqualTo(Verdict.VALID);
        assertThat(at(slid.minusSeconds(1)).verdict()).isEqualTo(Verdict.VALID);
        Judgement judgement = at(slid);
        assertThat(judgement.verdict()).isEqualTo(Verdict.IDLE_EXPIRED);
        assertThat(judgement.explanation()).contains("idle expiry at " + slid).contains("last refreshed at " + plus(1200));
    }

    @Test
    void absoluteExpiryEndsEvenAKeptAliveSession() {
        issued(1, 1);
        for (long t = 600; t < ABSOLUTE.toSeconds(); t += 600) {
            refreshed(plus(t));
        }
        Judgement judgement = at(ISSUED.plus(ABSOLUTE));
        assertThat(judgement.verdict()).isEqualTo(Verdict.ABSOLUTE_EXPIRED);
        assertThat(judgement.explanation()).contains("absolute lifetime ended at " + ISSUED.plus(ABSOLUTE));
        assertThat(at(ISSUED.plus(ABSOLUTE).minusSeconds(1)).verdict()).isEqualTo(Verdict.VALID);
    }

    @Test
    void revocationIsCheckedBeforeExpiry() {
        issued(1, 1);
        revoked(plus(60), "admin_revoked", "admin-1");
        assertThat(at(ISSUED.plus(ABSOLUTE).plusSeconds(1)).verdict()).isEqualTo(Verdict.REVOKED);
    }

    @Test
    void expiryIsCheckedBeforeTheVersions() {
        issued(1, 1);
        userRotation(plus(60), 2, "logout_everywhere");
        assertThat(at(ISSUED.plus(IDLE)).verdict()).isEqualTo(Verdict.IDLE_EXPIRED);
    }

    @Test
    void userRotationPastTheSessionsVersionKillsItAtOnce() {
        issued(2, 1);
        userRotation(plus(10), 2, "earlier");
        userRotation(plus(60), 3, "logout_everywhere");
        userRotation(plus(70), 4, "password_changed");
        assertThat(at(plus(59)).verdict()).isEqualTo(Verdict.VALID);
        Judgement judgement = at(plus(80));
        assertThat(judgement.verdict()).isEqualTo(Verdict.USER_VERSION);
        assertThat(judgement.explanation()).startsWith("user rotation to version 3 at " + plus(60))
                .contains("reason logout_everywhere");
    }

    @Test
    void globalRotationOneVersionAheadLeavesTheGraceThenEndsIt() {
        issued(1, 1);
        globalRotation(plus(100), 2, 300, "signing incident");
        Judgement inGrace = at(plus(399));
        assertThat(inGrace.verdict()).isEqualTo(Verdict.VALID);
        assertThat(inGrace.explanation()).isEqualTo("valid in the grace of global rotation to version 2 at " + plus(100)
                + " until " + plus(400) + ", reason signing incident, by admin-1");
        Judgement after = at(plus(400));
        assertThat(after.verdict()).isEqualTo(Verdict.GLOBAL_VERSION);
        assertThat(after.explanation()).startsWith("global rotation grace ended at " + plus(400))
                .contains("version 2").contains("signing incident");
    }

    @Test
    void globalRotationWithoutGraceKillsAtOnce() {
        issued(1, 1);
        globalRotation(plus(100), 2, 0, "drill");
        Judgement judgement = at(plus(100));
        assertThat(judgement.verdict()).isEqualTo(Verdict.GLOBAL_VERSION);
        assertThat(judgement.explanation()).contains("global rotation to version 2 at " + plus(100))
                .contains("without grace");
    }

    @Test
    void aSecondGlobalRotationDuringTheGraceEndsItForSessionsTwoBehind() {
        issued(1, 1);
        globalRotation(plus(100), 2, 300, "first");
        globalRotation(plus(200), 3, 300, "second");
        assertThat(at(plus(199)).verdict()).isEqualTo(Verdict.VALID);
        Judgement judgement = at(plus(200));
        assertThat(judgement.verdict()).isEqualTo(Verdict.GLOBAL_VERSION);
        assertThat(judgement.explanation()).startsWith("global rotation to version 3 at " + plus(200));
    }

    @Test
    void aSessionIssuedUnderTheNewGlobalVersionIsUntouched() {
        issued(1, 2);
        globalRotation(ISSUED.minusSeconds(10), 2, 0, "before the session");
        assertThat(at(plus(1)).verdict()).isEqualTo(Verdict.VALID);
    }

    @Test
    void onlyWhatWasStoredByThatInstantCounts() {
        issued(1, 1);
        sessionEvents.add(new Stamped<>(plus(50), new SessionRefusedForTokenVersionEvent(SESSION, USER,
                RotationScope.USER, 1, 2, plus(50))));
        userRotation(plus(40), 2, "later");
        revoked(plus(500), "logout", USER);
        assertThat(at(plus(39)).verdict()).isEqualTo(Verdict.VALID);
        assertThat(at(plus(40)).verdict()).isEqualTo(Verdict.USER_VERSION);
        assertThat(at(plus(500)).verdict()).isEqualTo(Verdict.REVOKED);
    }

    @Test
    void theFloorIsBuiltFromTheRotationsByThen() {
        issued(1, 1);
        userRotation(plus(10), 2, "a");
        globalRotation(plus(20), 2, 300, "b");
        globalRotation(plus(30), 3, 60, "c");
        SessionHistory history = new SessionHistory(sessionEvents, userRotations, globalRotations);
        assertThat(history.floorAt(plus(5))).isEqualTo(new dev.rotor.kernel.token.TokenVersionFloor(1, 1, null));
        assertThat(history.floorAt(plus(25))).isEqualTo(new dev.rotor.kernel.token.TokenVersionFloor(2, 2, plus(320)));
        assertThat(history.floorAt(plus(30))).isEqualTo(new dev.rotor.kernel.token.TokenVersionFloor(2, 3, plus(90)));
    }

    @Test
    void aHistoryBeginsWithItsIssue() {
        refreshed(plus(60));
        assertThatThrownBy(() -> new SessionHistory(sessionEvents, userRotations, globalRotations))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyVerdictHasItsContractCode() {
        assertThat(List.of(Verdict.values()).stream().map(Verdict::code)).containsExactlyInAnyOrder("valid",
                "not_yet_issued", "revoked", "reuse_detected", "user_version", "global_version", "idle_expired",
                "absolute_expired");
    }
}
