package dev.rotor.kernel.account;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/** A user as admins see it: no password hash, ever. */
public record UserSummary(
        @JsonProperty("user_id") String userId,
        @JsonProperty("email") String email,
        @JsonProperty("roles") List<String> roles,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("last_login_at") Instant lastLoginAt,
        @JsonProperty("failed_logins") int failedLogins,
        @JsonProperty("locked_until") Instant lockedUntil,
        @JsonProperty("password_changed_at") Instant passwordChangedAt,
        @JsonProperty("min_token_version") long minTokenVersion,
        @JsonProperty("mfa_enabled") boolean mfaEnabled) {
}
