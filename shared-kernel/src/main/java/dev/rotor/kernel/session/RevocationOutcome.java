package dev.rotor.kernel.session;

public enum RevocationOutcome {
    REVOKED,
    ALREADY_INACTIVE
}
