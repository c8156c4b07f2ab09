package dev.rotor.command.account;

/**
 * Hashes and verifies passwords. Implementations must be safe to call from many threads. Each
 * method may refuse to spend the cost when the server is overloaded, by throwing a
 * {@code RotorException} with {@code ErrorCode.SERVER_BUSY} before it decides anything.
 */
public interface PasswordHasher {

    /** A self-describing hash (PHC string) of the password's NFKC form. */
    String hash(String password);

    /**
     * Whether the password matches the hash, compared in NFKC form (and, for hashes made before
     * passwords were normalised, as given); false for a malformed hash.
     */
    boolean verify(String hash, String password);

    /**
     * Spend the cost of one verification on nothing, so that a login for an unknown email takes
     * as long as one with a wrong password.
     */
    void verifyAgainstDummy(String password);
}
