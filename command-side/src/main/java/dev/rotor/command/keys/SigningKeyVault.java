package dev.rotor.command.keys;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Where private signing keys live, outside the event store: implemented by the app module's key
 * store, which seals them with the master key. The key ring asks it for new keys; the events only
 * ever hold the public half.
 */
public interface SigningKeyVault {

    /** A public key, as a JSON JWK, and its {@code kid}. */
    record PublicSigningKey(String kid, String publicJwk, Instant createdAt) {
    }

    /**
     * Generates a new P-256 key and stores its private half, sealed, in the current transaction
     * (so the key exists whenever the event naming it does), answering its public half.
     */
    PublicSigningKey generate();

    /** The key the server signed with before the key ring existed (created on a new database). */
    PublicSigningKey initialKey();

    /**
     * How long after a key stops signing its tokens may still be valid: the access-token lifetime,
     * the verifiers' clock-skew allowance and a margin for tokens being signed at that moment.
     */
    Duration retirementDelay();

    /** When the active key became active, as the ring's read model says; empty before the first key. */
    Optional<Instant> activeSince();

    /**
     * Whether the ring's active key has no private half in the key material (an operator deleted
     * the rows after losing the master key): then nothing could be signed until a rotation.
     */
    boolean activeKeyMissing();

    /** Whether some retiring key's {@code retiresAt} is at or before {@code now} without a retirement recorded. */
    boolean retirementDue(Instant now);
}
