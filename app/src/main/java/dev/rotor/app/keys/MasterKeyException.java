package dev.rotor.app.keys;

/**
 * The master key cannot be used, so the server must not start: the key file is missing while the
 * database holds sealed secrets, unreadable or malformed, or it does not open the stored secrets.
 * The message is one line that says what is wrong and what to do; it never holds key material.
 */
public class MasterKeyException extends IllegalStateException {

    private final String problem;
    private final String action;

    MasterKeyException(String problem, String action) {
        this(problem, action, null);
    }

    MasterKeyException(String problem, String action, Throwable cause) {
        super(problem + ". " + action, cause);
        this.problem = problem;
        this.action = action;
    }

    /** What is wrong, e.g. which file and why it cannot be used. */
    public String problem() {
        return problem;
    }

    /** What the operator should do about it. */
    public String action() {
        return action;
    }
}
