package dev.rotor.app.keys;

import java.time.Instant;

/**
 * Server key material: the access-token signing key (a private JWK) and the refresh-token
 * derivation secret. Kept in the database, never in events or logs, so every node sharing the
 * database signs with the same key and the key survives restarts. The material is sealed with the
 * master key ({@link MasterKeyCipher}); rows an earlier release wrote in clear are sealed by
 * {@link KeyStore} on the first start after the upgrade. A row of table {@code rotor_key_material}
 * ({@link KeyMaterialRepository}).
 */
public class KeyMaterialEntry {

    private final String name;
    private final String material;
    private final Instant createdAt;

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
