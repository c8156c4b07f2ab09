package dev.rotor.app.keys;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * Server key material: the access-token signing key (a private JWK) and the refresh-token
 * derivation secret. Kept in the database, never in events or logs, so every node sharing the
 * database signs with the same key and the key survives restarts. The material is sealed with the
 * master key ({@link MasterKeyCipher}); rows an earlier release wrote in clear are sealed by
 * {@link KeyStore} on the first start after the upgrade.
 */
@Entity
@Table(name = "rotor_key_material")
public class KeyMaterialEntry {

    @Id
    @Column(name = "name", length = 100)
    private String name;

    @Column(name = "material", length = 4000, nullable = false)
    private String material;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected KeyMaterialEntry() {
    }

    public KeyMaterialEntry(String name, String material, Instant createdAt) {
        this.name = name;
        this.material = material;
        this.createdAt = createdAt;
    }

    public String getName() {
        return name;
    }

    public String getMaterial() {
        return material;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    @Override
    public String toString() {
        return "KeyMaterialEntry[name=" + name + ", material=[redacted]]";
    }
}
