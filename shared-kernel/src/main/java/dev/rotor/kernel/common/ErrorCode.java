package dev.rotor.kernel.common;

/**
 * Stable machine codes of the HTTP contract. The {@code code} string is what clients match on; the
 * status is the HTTP status it travels with. Renaming a code is a breaking change.
 */
public enum ErrorCode {
    INVALID_REQUEST("invalid_request", 400, "Invalid request"),
    INVALID_CREDENTIALS("invalid_credentials", 401, "Invalid credentials"),
    INVALID_MFA("invalid_mfa", 401, "Invalid MFA code"),
    INVALID_GRANT("invalid_grant", 401, "Invalid grant"),
    INVALID_TOKEN("invalid_token", 401, "Invalid token"),
    FORBIDDEN("forbidden", 403, "Forbidden"),
    NOT_FOUND("not_found", 404, "Not found"),
    METHOD_NOT_ALLOWED("method_not_allowed", 405, "Method not allowed"),
    NOT_ACCEPTABLE("not_acceptable", 406, "Not acceptable"),
    EMAIL_TAKEN("email_taken", 409, "Email taken"),
    MFA_ALREADY_ENABLED("mfa_already_enabled", 409, "MFA already enabled"),
    REBUILD_IN_PROGRESS("rebuild_in_progress", 409, "Rebuild in progress"),
    PAYLOAD_TOO_LARGE("payload_too_large", 413, "Payload too large"),
    UNSUPPORTED_MEDIA_TYPE("unsupported_media_type", 415, "Unsupported media type"),
    TOO_MANY_ATTEMPTS("too_many_attempts", 429, "Too many attempts"),
    INTERNAL_ERROR("internal_error", 500, "Internal error"),
    SERVICE_UNAVAILABLE("service_unavailable", 503, "Service unavailable"),
    /** More password hashes wait than the server can run soon; comes with a Retry-After. */
    SERVER_BUSY("server_busy", 503, "Server busy");

    private final String code;
    private final int status;
    private final String title;

    ErrorCode(String code, int status, String title) {
        this.code = code;
        this.status = status;
        this.title = title;
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public static ErrorCode fromCode(String code) {
        for (ErrorCode candidate : values()) {
            if (candidate.code.equals(code)) {
                return candidate;
            }
        }
        return INTERNAL_ERROR;
    }
}
