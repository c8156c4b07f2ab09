package dev.rotor.command.login;

import com.fasterxml.jackson.annotation.JsonProperty;

/** API.md: the answer to a right password of a user with MFA; no tokens yet. */
public record MfaChallenge(
        @JsonProperty("mfa_required") boolean mfaRequired,
        @JsonProperty("mfa_token") String mfaToken,
        @JsonProperty("mfa_expires_in") long mfaExpiresIn) {

    @Override
    public String toString() {
        return "MfaChallenge[mfaExpiresIn=" + mfaExpiresIn + "]";
    }
}
