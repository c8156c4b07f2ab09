package dev.rotor.kernel.account;

/** Role names Rotor itself gives meaning to. */
public final class Roles {

    public static final String ADMIN = "admin";
    public static final String USER = "user";

    private Roles() {
    }
}
