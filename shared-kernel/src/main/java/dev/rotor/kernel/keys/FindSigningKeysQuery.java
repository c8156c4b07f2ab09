package dev.rotor.kernel.keys;

/** Every signing key the ring has had, newest first, with its status now. */
public record FindSigningKeysQuery() {
}
