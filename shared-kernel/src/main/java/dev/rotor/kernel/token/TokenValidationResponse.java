package dev.rotor.kernel.token;

import java.util.List;

/**
 * Answer to {@link ValidateAccessTokenQuery}. When {@code valid} is false, {@code failure} says why
 * (for logs and metrics only: every failure is the same {@code 401 invalid_token} to the client).
 * A refusal by the token version rule also names the session and the minimums it failed, so the
 * caller that received the verdict can have the session record it: a query changes nothing itself.
 */
public record TokenValidationResponse(boolean valid, String failure, AuthenticatedCaller caller,
                                      VersionRefusal versionRefusal) {

    public static TokenValidationResponse invalid(String failure) {
        return new TokenValidationResponse(false, failure, null, null);
    }

    public static TokenValidationResponse refusedForVersion(String failure, String sessionId, TokenVersionFloor floor) {
        return new TokenValidationResponse(false, failure, null, new VersionRefusal(sessionId, floor));
    }

    public static TokenValidationResponse valid(AuthenticatedCaller caller) {
        return new TokenValidationResponse(true, null, caller, null);
    }

    /** The session whose token the version rule refused, and the minimums in force then. */
    public record VersionRefusal(String sessionId, TokenVersionFloor floor) {
    }

    /** Who presented a valid access token. */
    public record AuthenticatedCaller(
            String userId, String email, List<String> roles, String sessionId, List<String> amr) {

        /** Name of the servlet request attribute under which the bearer filter stores the caller. */
        public static final String REQUEST_ATTRIBUTE = "dev.rotor.caller";

        public boolean hasRole(String role) {
            return roles != null && roles.contains(role);
        }
    }
}
