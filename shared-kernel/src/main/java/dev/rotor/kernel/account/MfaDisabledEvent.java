package dev.rotor.kernel.account;

import org.axonframework.serialization.Revision;

/** The user turned MFA off with a valid code. */
@Revision("1")
public record MfaDisabledEvent(String userId, String changedBy) {
}
