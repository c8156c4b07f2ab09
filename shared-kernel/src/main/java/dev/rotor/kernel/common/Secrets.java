package dev.rotor.kernel.common;

/** Helpers for keeping secrets out of {@code toString()} of messages (and so out of logs). */
public final class Secrets {

    public static final String REDACTED = "[redacted]";

    private Secrets() {
    }

    public static String redact(Object secret) {
        return secret == null ? "null" : REDACTED;
    }
}
