package dev.rotor.command.account;

import de.mkammerer.argon2.Argon2;
import de.mkammerer.argon2.Argon2Factory;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.Semaphore;

/**
 * Argon2id through the reference implementation; clear passwords are wiped after use. At most one
 * hash per core runs at a time: each one fills {@code memoryKib} of memory, and more of them than
 * cores only fight over caches and memory bandwidth, so every login would get slower.
 */
public class Argon2idPasswordHasher implements PasswordHasher {

    private final Argon2 argon2 = Argon2Factory.create(Argon2Factory.Argon2Types.ARGON2id);
    private final PasswordHashingProperties cost;
    private final Semaphore slots;
    private final String dummyHash;

    public Argon2idPasswordHasher(PasswordHashingProperties cost) {
        this(cost, cost.effectiveConcurrency());
    }

    public Argon2idPasswordHasher(PasswordHashingProperties cost, int maxConcurrentHashes) {
        this.cost = cost;
        this.slots = new Semaphore(Math.max(1, maxConcurrentHashes), true);
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        this.dummyHash = hash(Base64.getEncoder().encodeToString(random));
    }

    @Override
    public String hash(String password) {
        char[] chars = password.toCharArray();
        slots.acquireUninterruptibly();
        try {
            return argon2.hash(cost.iterations(), cost.memoryKib(), cost.parallelism(), chars, StandardCharsets.UTF_8);
        } finally {
            slots.release();
            argon2.wipeArray(chars);
        }
    }

    @Override
    public boolean verify(String hash, String password) {
        if (hash == null || !hash.startsWith("$argon2")) {
            return false;
        }
        char[] chars = password.toCharArray();
        slots.acquireUninterruptibly();
        try {
            return argon2.verify(hash, chars, StandardCharsets.UTF_8);
        } catch (RuntimeException malformed) {
            return false;
        } finally {
            slots.release();
            argon2.wipeArray(chars);
        }
    }

    @Override
    public void verifyAgainstDummy(String password) {
        verify(dummyHash, password == null ? "" : password);
    }
}
