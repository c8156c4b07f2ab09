package dev.rotor.kernel.account;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** An email without an account is locked until {@code lockedUntil}, exactly as an account would be. */
@Revision("1")
public record UnknownEmailLockedOutEvent(String throttleId, int failures, Instant lockedUntil) {
}
