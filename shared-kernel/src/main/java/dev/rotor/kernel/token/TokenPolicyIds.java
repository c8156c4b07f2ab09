package dev.rotor.kernel.token;

/** Identifier of the singleton token policy aggregate. */
public final class TokenPolicyIds {

    public static final String GLOBAL = "global";

    private TokenPolicyIds() {
    }
}
