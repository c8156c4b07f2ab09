package dev.rotor.command.session;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** API.md {@code TokenResponse}. */
public record TokenResponse(
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("token_type") String tokenType,
        @JsonProperty("expires_in") long expiresIn,
        @JsonProperty("access_expires_at") Instant accessExpiresAt,
        @JsonProperty("refresh_token") String refreshToken,
        @JsonProperty("refresh_expires_in") long refreshExpiresIn,
        @JsonProperty("refresh_expires_at") Instant refreshExpiresAt,
        @JsonProperty("session_id") String sessionId) {

    static TokenResponse of(AccessTokenIssuer.IssuedAccessToken access, String refreshToken, Instant refreshExpiresAt,
                            long refreshExpiresIn, String sessionId) {
        return new TokenResponse(access.token(), "Bearer", access.expiresInSeconds(), access.expiresAt(), refreshToken,
                refreshExpiresIn, refreshExpiresAt, sessionId);
    }

    @Override
    public String toString() {
        return "TokenResponse[sessionId=" + sessionId + ", accessExpiresAt=" + accessExpiresAt + "]";
    }
}
