package dev.rotor.kernel.token;

/** Outcome of {@link TokenVersionFloor#judge}. */
public enum TokenVersionVerdict {
    ACCEPTED,
    ACCEPTED_IN_GRACE,
    USER_VERSION_TOO_OLD,
    GLOBAL_VERSION_TOO_OLD;

    public boolean accepted() {
        return this == ACCEPTED || this == ACCEPTED_IN_GRACE;
    }
}
