package dev.rotor.kernel.token;

import java.util.List;

/**
 * Answer to {@link ValidateAccessTokenQuery}. When {@code valid} is false, {@code failure} says why
 * (for logs and metrics only: every failure is the same {@code 401 invalid_token} to the client).
 */
public record TokenValidationResponse(boolean valid, String failure, AuthenticatedCaller caller) {

    public static TokenValidationResponse invalid(String failure) {
        return new TokenValidationResponse(false, failure, null);
    }

    public static TokenValidationResponse valid(AuthenticatedCaller caller) {
        return new TokenValidationResponse(true, null, caller);
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
