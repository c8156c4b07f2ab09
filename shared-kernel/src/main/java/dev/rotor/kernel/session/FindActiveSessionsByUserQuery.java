package dev.rotor.kernel.session;

/** Active sessions of a user, newest first; {@code currentSessionId} marks the caller's own. */
public record FindActiveSessionsByUserQuery(String userId, String currentSessionId) {
}
