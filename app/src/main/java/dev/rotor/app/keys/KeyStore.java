package dev.rotor.app.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import dev.rotor.command.session.RefreshTokenSecretSource;
import dev.rotor.command.session.SigningKeySource;
import dev.rotor.query.token.VerificationKeySource;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Generates the server's key material on first start and keeps it in the database, sealed with the
 * master key. When several nodes start together on one database, the first insert wins and the
 * others read it back. Rows an earlier release stored in clear are sealed in place on the first
 * start after the upgrade (again the first node wins, the others read its sealed value). Everything
 * is opened at start, so a master key that does not fit stops the server before it serves.
 */
@Component
public class KeyStore implements SigningKeySource, VerificationKeySource, RefreshTokenSecretSource,
        InitializingBean {

    static final String SIGNING_KEY = "access-token-signing-key";
    static final String REFRESH_SECRET = "refresh-token-derivation-secret";
    /** Associated data of a sealed row: its name, so a value copied into another row does not open. */
    static final String PURPOSE_PREFIX = "rotor_key_material:";

    private static final Logger log = LoggerFactory.getLogger(KeyStore.class);

    private final KeyMaterialRepository repository;
    private final TransactionTemplate newTransaction;
    private final MasterKeyCipher cipher;
    private volatile ECKey signingKey;
    private volatile byte[] refreshSecret;

    public KeyStore(KeyMaterialRepository repository, PlatformTransactionManager transactions, MasterKeyCipher cipher) {
        this.repository = repository;
        this.cipher = cipher;
        this.newTransaction = new TransactionTemplate(transactions);
        this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Opens (creating or sealing where needed) all key material at start. */
    @Override
    public void afterPropertiesSet() {
        currentSigningKey();
        refreshTokenDerivationSecret();
    }

    @Override
    public ECKey currentSigningKey() {
        ECKey key = signingKey;
        if (key == null) {
            synchronized (this) {
                if (signingKey == null) {
                    signingKey = parseKey(loadOrCreate(SIGNING_KEY, KeyStore::newSigningKey, KeyStore::isClearSigningKey));
                    log.info("Access tokens are signed with key {}", signingKey.getKeyID());
                }
                key = signingKey;
            }
        }
        return key;
    }

    @Override
    public Optional<ECKey> publicKey(String keyId) {
        ECKey key = currentSigningKey();
        return key.getKeyID().equals(keyId) ? Optional.of(key.toPublicJWK()) : Optional.empty();
    }

    /** Every key that may have signed a live token, public parts only. */
    public JWKSet publicKeys() {
        return new JWKSet(List.of(currentSigningKey().toPublicJWK()));
    }

    @Override
    public byte[] refreshTokenDerivationSecret() {
        byte[] secret = refreshSecret;
        if (secret == null) {
            synchronized (this) {
                if (refreshSecret == null) {
                    refreshSecret = Base64.getDecoder().decode(
                            loadOrCreate(REFRESH_SECRET, KeyStore::newSecret, KeyStore::isClearSecret));
                }
                secret = refreshSecret;
            }
        }
        return secret.clone();
    }

    /** The clear material of row {@code name}: opened, after creating it or sealing its clear form if needed. */
    private String loadOrCreate(String name, Supplier<String> generator, Predicate<String> clearForm) {
        String purpose = PURPOSE_PREFIX + name;
        Optional<KeyMaterialEntry> existing = repository.findById(name);
        if (existing.isEmpty()) {
            try {
                newTransaction.executeWithoutResult(status -> repository.saveAndFlush(
                        new KeyMaterialEntry(name, cipher.seal(generator.get(), purpose), Instant.now())));
            } catch (DataIntegrityViolationException raced) {
                log.info("Key material {} was created by another node; using it", name);
            }
        } else if (!MasterKeyCipher.isSealed(existing.get().getMaterial())) {
            sealClearRow(name, existing.get().getMaterial(), purpose, clearForm);
        }
        return open(name, repository.findById(name).orElseThrow().getMaterial(), purpose);
    }

    /**
     * Upgrade from a release that stored key material in clear: seal the row in place, unless
     * another node has just done so (then its sealed value is read back and opened).
     */
    private void sealClearRow(String name, String clear, String purpose, Predicate<String> clearForm) {
        if (!clearForm.test(clear)) {
            throw new MasterKeyException("Key material '" + name + "' in table rotor_key_material is neither "
                    + "sealed nor in the clear form of an earlier release", "Restore that table from a backup");
        }
        Integer sealed = newTransaction.execute(status ->
                repository.replaceMaterial(name, clear, cipher.seal(clear, purpose)));
        if (sealed != null && sealed == 1) {
            log.info("Key material {} was stored in clear by an earlier release; it is now sealed with the "
                    + "master key (fingerprint {})", name, cipher.fingerprint());
        }
    }

    private String open(String name, String sealed, String purpose) {
        if (!MasterKeyCipher.isCurrentFormat(sealed)) {
            throw new MasterKeyException("Key material '" + name + "' in the database is sealed in a format this "
                    + "release does not know", "Run the release that wrote it, or a newer one");
        }
        try {
            return cipher.open(sealed, purpose);
        } catch (IllegalArgumentException e) {
            throw new MasterKeyException("The master key in " + cipher.keyFile() + " (fingerprint "
                    + cipher.fingerprint() + ") cannot open the key material '" + name + "' stored in the database: "
                    + "it is another key, or the row was altered",
                    "Start with the master key file these secrets were sealed with (every node sharing the "
                            + "database needs the same file); Rotor never replaces the key file or the stored secrets");
        }
    }

    private static boolean isClearSigningKey(String material) {
        try {
            ECKey key = ECKey.parse(material);
            return key.isPrivate() && Curve.P_256.equals(key.getCurve());
        } catch (ParseException | RuntimeException e) {
            return false;
        }
    }

    private static boolean isClearSecret(String material) {
        try {
            return Base64.getDecoder().decode(material).length >= 32;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String newSigningKey() {
        try {
            return new ECKeyGenerator(Curve.P_256)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.ES256)
                    .keyID(UUID.randomUUID().toString())
                    .generate()
                    .toJSONString();
        } catch (JOSEException e) {
            throw new IllegalStateException("could not generate a P-256 key", e);
        }
    }

    private static String newSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static ECKey parseKey(String json) {
        try {
            return ECKey.parse(json);
        } catch (ParseException e) {
            throw new IllegalStateException("stored signing key is unreadable");
        }
    }
}
