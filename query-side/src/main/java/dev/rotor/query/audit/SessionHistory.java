package dev.rotor.query.audit;

import dev.rotor.kernel.session.RefreshTokenReuseDetectedEvent;
import dev.rotor.kernel.session.RefreshTokenRotatedEvent;
import dev.rotor.kernel.session.RevocationReasons;
import dev.rotor.kernel.session.SessionIssuedEvent;
import dev.rotor.kernel.session.SessionRevokedEvent;
import dev.rotor.kernel.token.TokenRotatedEvent;
import dev.rotor.kernel.token.TokenVersionFloor;
import dev.rotor.kernel.token.TokenVersionVerdict;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * One session's stored history with the rotations around it, judged as it stood at any instant.
 * Only what was stored at or before that instant counts; the checks run in the order live
 * validation runs them (issued, not revoked, not expired) and the token versions are judged by
 * the very rule live validation uses, {@link TokenVersionFloor#judge}, against the floor the
 * rotations had built by then.
 */
final class SessionHistory {

    /** An event with the time the event store gives it. */
    record Stamped<T>(Instant timestamp, T event) {
    }

    /** What a session was at one instant (API.md: the {@code verdict} codes of the time-travel audit). */
    enum Verdict {
        VALID,
        NOT_YET_ISSUED,
        REVOKED,
        REUSE_DETECTED,
        USER_VERSION,
        GLOBAL_VERSION,
        IDLE_EXPIRED,
        ABSOLUTE_EXPIRED;

        String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A verdict and a sentence naming the event (and its time) that decided it. */
    record Judgement(Verdict verdict, String explanation) {

        boolean valid() {
            return verdict == Verdict.VALID;
        }
    }

    private final Stamped<SessionIssuedEvent> issued;
    private final List<Stamped<Object>> sessionEvents;
    private final List<Stamped<TokenRotatedEvent>> userRotations;
    private final List<Stamped<TokenRotatedEvent>> globalRotations;

    /**
     * @param sessionEvents   the session's events in their order, its {@link SessionIssuedEvent} first
     * @param userRotations   the rotations of the session's user, in order
     * @param globalRotations the global rotations, in order
     */
    @SuppressWarnings("unchecked")
    SessionHistory(List<Stamped<Object>> sessionEvents, List<Stamped<TokenRotatedEvent>> userRotations,
                   List<Stamped<TokenRotatedEvent>> globalRotations) {
        if (sessionEvents.isEmpty() || !(sessionEvents.get(0).event() instanceof SessionIssuedEvent)) {
            throw new IllegalArgumentException("a session's history begins with its SessionIssuedEvent");
        }
        Stamped<?> first = sessionEvents.get(0);
        this.issued = (Stamped<SessionIssuedEvent>) first;
        this.sessionEvents = List.copyOf(sessionEvents);
        this.userRotations = List.copyOf(userRotations);
        this.globalRotations = List.copyOf(globalRotations);
    }

    SessionIssuedEvent issued() {
        return issued.event();
    }

    Judgement at(Instant at) {
        SessionIssuedEvent session = issued.event();
        if (at.isBefore(issued.timestamp())) {
            return new Judgement(Verdict.NOT_YET_ISSUED, "not yet issued: the session was issued at "
                    + issued.timestamp());
        }

        Instant idleExpiresAt = session.idleExpiresAt();
        Instant lastRefreshedAt = null;
        Stamped<RefreshTokenReuseDetectedEvent> reuse = null;
        Stamped<SessionRevokedEvent> revocation = null;
        for (Stamped<Object> stamped : sessionEvents) {
            if (stamped.timestamp().isAfter(at)) {
                continue;
            }
            if (stamped.event() instanceof RefreshTokenRotatedEvent rotated) {
                idleExpiresAt = rotated.idleExpiresAt();
                lastRefreshedAt = stamped.timestamp();
            } else if (stamped.event() instanceof RefreshTokenReuseDetectedEvent detected && reuse == null) {
                reuse = new Stamped<>(stamped.timestamp(), detected);
            } else if (stamped.event() instanceof SessionRevokedEvent revoked && revocation == null) {
                revocation = new Stamped<>(stamped.timestamp(), revoked);
            }
        }

        if (reuse != null) {
            return new Judgement(Verdict.REUSE_DETECTED, "refresh token reuse detected at " + reuse.timestamp()
                    + (reuse.event().ip() == null ? "" : " from " + reuse.event().ip())
                    + ": a rotated-out refresh token was presented again and the session was revoked");
        }
        if (revocation != null) {
            SessionRevokedEvent revoked = revocation.event();
            Verdict verdict = RevocationReasons.REFRESH_TOKEN_REUSE.equals(revoked.reason())
                    ? Verdict.REUSE_DETECTED : Verdict.REVOKED;
            return new Judgement(verdict, "revoked by " + revoked.reason() + " at " + revocation.timestamp()
                    + (revoked.revokedBy() == null ? "" : ", by " + revoked.revokedBy()));
        }
        if (!at.isBefore(session.absoluteExpiresAt())) {
            return new Judgement(Verdict.ABSOLUTE_EXPIRED, "absolute lifetime ended at " + session.absoluteExpiresAt()
                    + " (issued at " + issued.timestamp() + ")");
        }
        if (!at.isBefore(idleExpiresAt)) {
            return new Judgement(Verdict.IDLE_EXPIRED, "idle expiry at " + idleExpiresAt + ": "
                    + (lastRefreshedAt == null ? "never refreshed since its issue at " + issued.timestamp()
                    : "last refreshed at " + lastRefreshedAt));
        }
        return judgeVersions(session, at);
    }

    private Judgement judgeVersions(SessionIssuedEvent session, Instant at) {
        TokenVersionFloor floor = floorAt(at);
        TokenVersionVerdict verdict = floor.judge(session.userVersion(), session.globalVersion(), at);
        return switch (verdict) {
            case ACCEPTED -> new Judgement(Verdict.VALID, "valid: issued at " + issued.timestamp()
                    + " under user version " + session.userVersion() + " and global version "
                    + session.globalVersion() + ", not revoked, not expired, not rotated out");
            case ACCEPTED_IN_GRACE -> {
                Stamped<TokenRotatedEvent> latest = latestRaising(globalRotations, at);
                yield new Judgement(Verdict.VALID, "valid in the grace of global rotation to version "
                        + floor.globalMinVersion() + " at " + latest.timestamp() + " until " + floor.graceUntil()
                        + reasonOf(latest.event()));
            }
            case USER_VERSION_TOO_OLD -> {
                Stamped<TokenRotatedEvent> deciding = firstAbove(userRotations, session.userVersion(), at);
                if (deciding == null) {
                    yield new Judgement(Verdict.USER_VERSION, "user version " + session.userVersion()
                            + " is below the minimum " + floor.userMinVersion());
                }
                yield new Judgement(Verdict.USER_VERSION, "user rotation to version " + deciding.event().newVersion()
                        + " at " + deciding.timestamp() + reasonOf(deciding.event())
                        + "; the session was issued under user version " + session.userVersion());
            }
            case GLOBAL_VERSION_TOO_OLD -> new Judgement(Verdict.GLOBAL_VERSION,
                    explainGlobal(session.globalVersion(), at));
        };
    }

    /**
     * The floor as the rotations stored by {@code at} built it: each minimum the highest version
     * reached, the grace that of the global rotation that reached it.
     */
    TokenVersionFloor floorAt(Instant at) {
        long userMin = TokenVersionFloor.INITIAL_VERSION;
        for (Stamped<TokenRotatedEvent> rotation : userRotations) {
            if (!rotation.timestamp().isAfter(at)) {
                userMin = Math.max(userMin, rotation.event().newVersion());
            }
        }
        long globalMin = TokenVersionFloor.INITIAL_VERSION;
        Instant graceUntil = null;
        for (Stamped<TokenRotatedEvent> rotation : globalRotations) {
            if (!rotation.timestamp().isAfter(at) && rotation.event().newVersion() > globalMin) {
                globalMin = rotation.event().newVersion();
                graceUntil = rotation.event().graceUntil();
            }
        }
        return new TokenVersionFloor(userMin, globalMin, graceUntil);
    }

    /**
     * Which global rotation left a session of {@code sessionVersion} behind: the first one past it,
     * unless that one granted a grace, in which case the grace's end or a second rotation during
     * the grace, whichever came first.
     */
    private String explainGlobal(long sessionVersion, Instant at) {
        Stamped<TokenRotatedEvent> first = firstAbove(globalRotations, sessionVersion, at);
        if (first == null) {
            return "global version " + sessionVersion + " is below the minimum " + floorAt(at).globalMinVersion();
        }
        TokenRotatedEvent rotation = first.event();
        String firstRotation = "global rotation to version " + rotation.newVersion() + " at " + first.timestamp()
                + reasonOf(rotation);
        if (rotation.newVersion() > sessionVersion + 1 || rotation.graceUntil() == null) {
            return firstRotation + (rotation.graceUntil() == null ? ", without grace" : "")
                    + "; the session was issued under global version " + sessionVersion;
        }
        Stamped<TokenRotatedEvent> second = firstAbove(globalRotations, sessionVersion + 1, at);
        if (second != null && second.timestamp().isBefore(rotation.graceUntil())) {
            return "global rotation to version " + second.event().newVersion() + " at " + second.timestamp()
                    + reasonOf(second.event()) + " ended the grace of " + firstRotation
                    + "; the session was issued under global version " + sessionVersion;
        }
        return "global rotation grace ended at " + rotation.graceUntil() + " (" + firstRotation
                + "); the session was issued under global version " + sessionVersion;
    }

    private static Stamped<TokenRotatedEvent> firstAbove(List<Stamped<TokenRotatedEvent>> rotations, long version,
                                                         Instant at) {
        for (Stamped<TokenRotatedEvent> rotation : rotations) {
            if (!rotation.timestamp().isAfter(at) && rotation.event().newVersion() > version) {
                return rotation;
            }
        }
        return null;
    }

    private static Stamped<TokenRotatedEvent> latestRaising(List<Stamped<TokenRotatedEvent>> rotations, Instant at) {
        Stamped<TokenRotatedEvent> latest = null;
        for (Stamped<TokenRotatedEvent> rotation : rotations) {
            if (!rotation.timestamp().isAfter(at)
                    && (latest == null || rotation.event().newVersion() > latest.event().newVersion())) {
                latest = rotation;
            }
        }
        return latest;
    }

    private static String reasonOf(TokenRotatedEvent rotation) {
        return (rotation.reason() == null ? "" : ", reason " + rotation.reason())
                + (rotation.triggeredBy() == null ? "" : ", by " + rotation.triggeredBy());
    }
}
