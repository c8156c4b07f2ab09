package dev.rotor.kernel.token;

import java.time.Instant;

/**
 * The minimum token versions in force at one moment, and the one rule that judges a session's
 * stamped versions against them (API.md, "Token versions"). Refresh on the command side and access
 * token validation on the query side both apply this rule, so it lives here once.
 *
 * @param userMinVersion   the user's {@code min_token_version}
 * @param globalMinVersion {@code global_min_token_version}
 * @param graceUntil       end of the grace period of the latest global rotation, during which a
 *                         session exactly one global version behind still passes; {@code null} when
 *                         there is no grace
 */
public record TokenVersionFloor(long userMinVersion, long globalMinVersion, Instant graceUntil) {

    public static final long INITIAL_VERSION = 1L;

    public static TokenVersionFloor initial() {
        return new TokenVersionFloor(INITIAL_VERSION, INITIAL_VERSION, null);
    }

    public TokenVersionVerdict judge(long sessionUserVersion, long sessionGlobalVersion, Instant now) {
        if (sessionUserVersion < userMinVersion) {
            return TokenVersionVerdict.USER_VERSION_TOO_OLD;
        }
        if (sessionGlobalVersion >= globalMinVersion) {
            return TokenVersionVerdict.ACCEPTED;
        }
        boolean oneBehind = sessionGlobalVersion == globalMinVersion - 1;
        if (oneBehind && graceUntil != null && now.isBefore(graceUntil)) {
            return TokenVersionVerdict.ACCEPTED_IN_GRACE;
        }
        return TokenVersionVerdict.GLOBAL_VERSION_TOO_OLD;
    }
}
