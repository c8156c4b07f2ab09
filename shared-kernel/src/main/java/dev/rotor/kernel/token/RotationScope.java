package dev.rotor.kernel.token;

/** Which minimum a {@link TokenRotatedEvent} raised. */
public enum RotationScope {
    GLOBAL,
    USER
}
