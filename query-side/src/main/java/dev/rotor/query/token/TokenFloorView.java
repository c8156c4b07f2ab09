package dev.rotor.query.token;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * Read model of a token version minimum: key {@code global} for {@code global_min_token_version},
 * {@code user:<id>} for a user's {@code min_token_version}. No row means the initial version.
 */
@Entity
@Table(name = "qry_token_floor")
public class TokenFloorView {

    @Id
    @Column(name = "floor_key", length = 80)
    private String floorKey;

    @Column(name = "min_version", nullable = false)
    private long minVersion;

    @Column(name = "grace_until")
    private Instant graceUntil;

    @Column(name = "rotated_at")
    private Instant rotatedAt;

    protected TokenFloorView() {
    }

    public TokenFloorView(String floorKey, long minVersion, Instant graceUntil, Instant rotatedAt) {
        this.floorKey = floorKey;
        this.minVersion = minVersion;
        this.graceUntil = graceUntil;
        this.rotatedAt = rotatedAt;
    }

    public void raise(long newMinVersion, Instant newGraceUntil, Instant at) {
        if (newMinVersion > minVersion) {
            this.minVersion = newMinVersion;
            this.graceUntil = newGraceUntil;
            this.rotatedAt = at;
        }
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

    public Instant getRotatedAt() {
        return rotatedAt;
    }
}
