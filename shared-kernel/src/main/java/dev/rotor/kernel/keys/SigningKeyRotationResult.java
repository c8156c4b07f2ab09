package dev.rotor.kernel.keys;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The answer to a rotation: the key that signs from now on and the one it replaced. */
public record SigningKeyRotationResult(
        @JsonProperty("kid") String kid,
        @JsonProperty("previous_kid") String previousKid) {
}
