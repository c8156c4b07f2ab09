package dev.rotor.command.account;

import de.mkammerer.argon2.Argon2;
import de.mkammerer.argon2.Argon2Factory;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Argon2id through the reference implementation, over the NFKC form of the password
 * ({@link Credentials#normalizePassword}); clear passwords are wiped after use. Every hash
 * and verification takes its turn in a {@link PasswordHashingLine}: at most one hash per core runs
 * at a time (each one fills {@code memoryKib} of memory, and more of them than cores only fight
 * over caches and memory bandwidth, so every login would get slower), and a full line refuses at
 * once with {@code 503 server_busy}.
 *
 * <p>Hashes stored before passwords were normalised were made from the password as typed. A
 * verification therefore tries the NFKC form and, only when NFKC changed the input, the input as
 * given, in the same turn: such a user still logs in with the password as they set it (and, when
 * that was in NFKC form already, with any equivalent form), nobody's hash is rewritten, and the
 * second hash depends on the input alone, so it costs a known and an unknown email the same.
 *
 * <p>Verifications, the login's hashes, run in working memory each hashing thread keeps
 * ({@link Argon2idWorkingMemory}); new hashes (registration, password change) through the library.
 */
public class Argon2idPasswordHasher implements PasswordHasher {

    private final Argon2 argon2 = Argon2Factory.create(Argon2Factory.Argon2Types.ARGON2id);
    private final PasswordHashingProperties cost;
    private final PasswordHashingLine line;
    private final String dummyHash;

    public Argon2idPasswordHasher(PasswordHashingProperties cost) {
        this(cost, PasswordHashingLine.of(cost));
    }

    public Argon2idPasswordHasher(PasswordHashingProperties cost, PasswordHashingLine line) {
        this.cost = cost;
        this.line = line;
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        this.dummyHash = hash(Base64.getEncoder().encodeToString(random));
    }

    @Override
    public String hash(String password) {
        char[] chars = Credentials.normalizePassword(password).toCharArray();
        try {
            return line.run(() ->
                    argon2.hash(cost.iterations(), cost.memoryKib(), cost.parallelism(), chars, StandardCharsets.UTF_8));
        } finally {
            argon2.wipeArray(chars);
        }
    }

    @Override
    public boolean verify(String hash, String password) {
        if (hash == null || !hash.startsWith("$argon2")) {
            return false;
        }
        String normalized = Credentials.normalizePassword(password);
        char[] chars = normalized.toCharArray();
        char[] asTyped = normalized.equals(password) ? new char[0] : password.toCharArray();
        try {
            return line.run(() -> matches(hash, chars) || (asTyped.length > 0 && matches(hash, asTyped)));
        } finally {
            argon2.wipeArray(chars);
            argon2.wipeArray(asTyped);
        }
    }

    @Override
    public void verifyAgainstDummy(String password) {
        verify(dummyHash, password == null ? "" : password);
    }

    /** In the thread's own working memory ({@link Argon2idWorkingMemory}), else through the library. */
    private boolean matches(String hash, char[] password) {
        try {
            Boolean matched = Argon2idWorkingMemory.verify(hash, password);
            return matched != null ? matched : argon2.verify(hash, password, StandardCharsets.UTF_8);
        } catch (RuntimeException malformed) {
            return false;
        }
    }
}
