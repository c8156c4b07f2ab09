package dev.rotor.kernel.token;

import com.fasterxml.jackson.annotation.JsonProperty;

public record UserRotationResult(
        @JsonProperty("user_id") String userId,
        @JsonProperty("previous_version") long previousVersion,
        @JsonProperty("new_version") long newVersion) {
}
