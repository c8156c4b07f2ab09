package dev.rotor.kernel.account;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The password of an MFA user was right: a second-factor challenge (an {@code mfa_token}, by its
 * SHA-256 hash) is open until {@code expiresAt}, for one attempt. The login is not complete, so
 * the failure count is not reset.
 */
@Revision("1")
public record MfaChallengeIssuedEvent(String userId, String challengeHash, Instant expiresAt) {
}
