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
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Generates the server's key material on first start and keeps it in the database. When several
 * nodes start together on one database, the first insert wins and the others read it back.
 */
@Component
public class KeyStore implements SigningKeySource, VerificationKeySource, RefreshTokenSecretSource {

    static final String SIGNING_KEY = "access-token-signing-key";
    static final String REFRESH_SECRET = "refresh-token-derivation-secret";

    private static final Logger log = LoggerFactory.getLogger(KeyStore.class);

    private final KeyMaterialRepository repository;
    private final TransactionTemplate newTransaction;
    private volatile ECKey signingKey;
    private volatile byte[] refreshSecret;

    public KeyStore(KeyMaterialRepository repository, PlatformTransactionManager transactions) {
        this.repository = repository;
        this.newTransaction = new TransactionTemplate(transactions);
        this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Override
    public ECKey currentSigningKey() {
        ECKey key = signingKey;
        if (key == null) {
            synchronized (this) {
                if (signingKey == null) {
                    signingKey = parseKey(loadOrCreate(SIGNING_KEY, KeyStore::newSigningKey));
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
                    refreshSecret = Base64.getDecoder().decode(loadOrCreate(REFRESH_SECRET, KeyStore::newSecret));
                }
                secret = refreshSecret;
            }
        }
        return secret.clone();
    }

    private String loadOrCreate(String name, Supplier<String> generator) {
        Optional<KeyMaterialEntry> existing = repository.findById(name);
        if (existing.isPresent()) {
            return existing.get().getMaterial();
        }
        try {
            newTransaction.executeWithoutResult(status ->
                    repository.saveAndFlush(new KeyMaterialEntry(name, generator.get(), Instant.now())));
        } catch (DataIntegrityViolationException raced) {
            log.info("Key material {} was created by another node; using it", name);
        }
        return repository.findById(name).orElseThrow().getMaterial();
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
