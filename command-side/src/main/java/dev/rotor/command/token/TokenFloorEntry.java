package dev.rotor.command.token;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * Command-side copy of a token version minimum: the global one (key {@code global}) or a user's
 * (key {@code user:<id>}). Written in the transaction that appends the rotation, so a refresh
 * right after a rotation sees it.
 */
@Entity
@Table(name = "cmd_token_floor")
public class TokenFloorEntry {

    @Id
    @Column(name = "floor_key", length = 80)
    private String floorKey;

    @Column(name = "min_version", nullable = false)
    private long minVersion;

    @Column(name = "grace_until")
    private Instant graceUntil;

    protected TokenFloorEntry() {
    }

    public TokenFloorEntry(String floorKey, long minVersion, Instant graceUntil) {
        this.floorKey = floorKey;
        this.minVersion = minVersion;
        this.graceUntil = graceUntil;
    }

    public String getFloorKey() {
        return floorKey;
    }

    public long getMinVersion() {
        return minVersion;
    }

    public Instant getGraceUntil() {
        return graceUntil;
    }

    public void raise(long newMinVersion, Instant newGraceUntil) {
        if (newMinVersion > minVersion) {
            this.minVersion = newMinVersion;
            this.graceUntil = newGraceUntil;
        }
    }
}
