package dev.rotor.kernel.common;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Identifiers that sort by creation time: UUID version 7 (RFC 9562), 48 bits of Unix milliseconds
 * followed by 74 random bits.
 *
 * <p>Why: every event, session and audit row is keyed by such an identifier in a B-tree (H2's
 * MVStore, a PostgreSQL index). A random UUID lands on a random leaf, so each commit dirties as many
 * leaves as it inserts keys, and a store writes every one of them again; a time-ordered one lands on
 * the newest leaf, which the next commit touches too. What an identifier tells by its order is when
 * it was made, which an event's timestamp and a token's {@code iat} tell anyway; the random part keeps
 * it unguessable, and no identifier here is a credential.
 */
public final class TimeOrderedIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long VERSION_7 = 0x7000L;
    private static final long VARIANT_RFC_9562 = 0x8000_0000_0000_0000L;

    private TimeOrderedIds() {
    }

    public static String next() {
        return at(System.currentTimeMillis()).toString();
    }

    /** The identifier for a given instant, with fresh random bits. */
    public static UUID at(long epochMillis) {
        byte[] random = new byte[10];
        RANDOM.nextBytes(random);
        long randA = ((random[0] & 0xFFL) << 8 | (random[1] & 0xFFL)) & 0x0FFFL;
        long randB = 0;
        for (int i = 2; i < 10; i++) {
            randB = randB << 8 | (random[i] & 0xFFL);
        }
        long mostSignificant = (epochMillis & 0xFFFF_FFFF_FFFFL) << 16 | VERSION_7 | randA;
        long leastSignificant = VARIANT_RFC_9562 | (randB & 0x3FFF_FFFF_FFFF_FFFFL);
        return new UUID(mostSignificant, leastSignificant);
    }
}
