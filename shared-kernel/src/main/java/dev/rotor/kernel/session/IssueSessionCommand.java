package dev.rotor.kernel.session;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Open a session for an authenticated user. The versions are the minimums in force at login
 * (API.md: each stamped separately). Only the SHA-256 hash of the first refresh token travels.
 */
public record IssueSessionCommand(
        @TargetAggregateIdentifier String sessionId,
        String userId,
        String email,
        List<String> roles,
        List<String> amr,
        long userVersion,
        long globalVersion,
        String refreshTokenHash,
        String userAgent,
        String ip) {
}
