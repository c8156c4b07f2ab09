package dev.rotor.kernel.account;

/** Role names Rotor itself gives meaning to. */
public final class Roles {

    public static final String ADMIN = "admin";
    public static final String USER = "user";
    /** May call the token introspection endpoint (RFC 7662), as may {@link #ADMIN}. */
    public static final String INTROSPECTOR = "introspector";

    private Roles() {
    }
}
