package dev.rotor.kernel.account;

import org.axonframework.serialization.Revision;

/** Recovery code number {@code codeIndex} (0-based) was used, and never works again. {@code purpose}: login or disable. */
@Revision("1")
public record RecoveryCodeUsedEvent(String userId, int codeIndex, String purpose) {
}
