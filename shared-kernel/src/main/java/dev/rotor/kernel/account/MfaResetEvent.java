package dev.rotor.kernel.account;

import org.axonframework.serialization.Revision;

/** An admin turned the user's MFA off. */
@Revision("1")
public record MfaResetEvent(String userId, String triggeredBy, String reason) {
}
