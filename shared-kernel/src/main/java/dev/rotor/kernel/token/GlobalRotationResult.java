package dev.rotor.kernel.token;

import com.fasterxml.jackson.annotation.JsonProperty;

public record GlobalRotationResult(
        @JsonProperty("previous_version") long previousVersion,
        @JsonProperty("new_version") long newVersion,
        @JsonProperty("grace_period_seconds") long gracePeriodSeconds) {
}
