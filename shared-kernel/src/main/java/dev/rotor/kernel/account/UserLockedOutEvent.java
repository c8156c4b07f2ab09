package dev.rotor.kernel.account;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** Too many failed attempts: password logins are refused until {@code lockedUntil}. */
@Revision("1")
public record UserLockedOutEvent(String userId, int failures, Instant lockedUntil) {
}
