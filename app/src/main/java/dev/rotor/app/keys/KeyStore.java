package dev.rotor.app.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import dev.rotor.command.keys.SigningKeyVault;
import dev.rotor.command.session.RefreshTokenSecretSource;
import dev.rotor.command.session.SigningKeySource;
import dev.rotor.kernel.keys.SigningKeyStatus;
import dev.rotor.query.keys.SigningKeyProjection;
import dev.rotor.query.keys.SigningKeyProjection.KeyRow;
import dev.rotor.query.token.TokenVerificationProperties;
import dev.rotor.query.token.VerificationKeySource;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
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
 *
 * <p>Signing keys: the key ring ({@code SigningKeyRing}, read through {@link SigningKeyProjection})
 * says which key signs and which ones are still published; the private halves are rows
 * {@code signing-key:<kid>} here, sealed, written in the transaction that appends the key's
 * events. The first key (row {@code access-token-signing-key}, the only key before rotation
 * existed) is the ring's first key, adopted with its {@code kid}. Keys never change once made, so
 * each is opened or parsed once and then kept in memory; which key is active is read from the read
 * model on every signing unless this process is the database's only writer.
 */
@Component
public class KeyStore implements SigningKeySource, VerificationKeySource, RefreshTokenSecretSource, SigningKeyVault,
        InitializingBean {

    static final String SIGNING_KEY = "access-token-signing-key";
    /** Row name prefix of the private halves of rotated-in signing keys. */
    static final String ROTATED_SIGNING_KEY_PREFIX = "signing-key:";
    static final String REFRESH_SECRET = "refresh-token-derivation-secret";
    /**
     * Added to the access-token lifetime and the verifiers' clock skew before a replaced key leaves
     * the key set: covers a token signed with the old key while the rotation was committing.
     */
    static final Duration RETIREMENT_MARGIN = Duration.ofSeconds(5);
    /** Associated data of a sealed row: its name, so a value copied into another row does not open. */
    static final String PURPOSE_PREFIX = "rotor_key_material:";

    private static final Logger log = LoggerFactory.getLogger(KeyStore.class);

    private volatile PublishedJson publishedJson;
    private final KeyMaterialRepository repository;
    private final TransactionTemplate newTransaction;
    private final MasterKeyCipher cipher;
    private final SigningKeyProjection ring;
    private final TokenVerificationProperties tokens;
    private final Clock clock;
    /** Private keys by kid, each opened once (keys never change). */
    private final Map<String, ECKey> privateKeys = new ConcurrentHashMap<>();
    /** Public keys by kid, each parsed once. */
    private final Map<String, ECKey> publicKeys = new ConcurrentHashMap<>();
    private volatile ECKey initialKey;
    private volatile Instant initialKeyCreatedAt;
    private volatile byte[] refreshSecret;

    public KeyStore(KeyMaterialRepository repository, PlatformTransactionManager transactions, MasterKeyCipher cipher,
                    SigningKeyProjection ring, TokenVerificationProperties tokens, Clock clock) {
        this.repository = repository;
        this.cipher = cipher;
        this.ring = ring;
        this.tokens = tokens;
        this.clock = clock;
        this.newTransaction = new TransactionTemplate(transactions);
        this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Opens (creating or sealing where needed) all key material at start. */
    @Override
    public void afterPropertiesSet() {
        initialSigningKey();
        refreshTokenDerivationSecret();
    }

    /**
     * The key the ring names active; before the ring has a key (the first moments of a first start,
     * or of the first start after the upgrade), the initial key, which the ring adopts as its first.
     */
    @Override
    public ECKey currentSigningKey() {
        String kid = ring.activeKid();
        return kid == null ? initialSigningKey() : privateKeys.computeIfAbsent(kid, this::openPrivateKey);
    }

    /**
     * The public key {@code keyId}, if the ring has it and it is not retired: a key another node made
     * a moment ago is found in the read model. Keys the ring does not know are not remembered, so a
     * key made later is found then.
     */
    @Override
    public Optional<ECKey> publicKey(String keyId) {
        if (keyId == null) {
            return Optional.empty();
        }
        Optional<KeyRow> row = ring.key(keyId);
        if (row.isEmpty()) {
            ECKey initial = initialSigningKey();
            return initial.getKeyID().equals(keyId) && ring.activeKid() == null
                    ? Optional.of(initial.toPublicJWK()) : Optional.empty();
        }
        Optional<SigningKeyStatus> status = row.get().statusAt(clock.instant());
        if (status.isEmpty() || status.get() == SigningKeyStatus.RETIRED) {
            return Optional.empty();
        }
        return Optional.of(publicKeyOf(row.get()));
    }

    /**
     * Every key that may have signed a live token, public parts only: the active key and the keys
     * still retiring at this instant. (Before the ring has a key: the initial key.)
     */
    public JWKSet publicKeys() {
        return keySetOf(ring.published(clock.instant()));
    }

    /**
     * {@link #publicKeys()} as the JSON that {@code /.well-known/jwks.json} serves, made again only
     * when the published keys change: every resource server fetches it, and between rotations it is
     * the same bytes.
     */
    public byte[] publicKeysJson() {
        List<KeyRow> published = ring.published(clock.instant());
        PublishedJson cached = publishedJson;
        if (cached != null && cached.rows().equals(published)) {
            return cached.json().clone();
        }
        byte[] json = keySetOf(published).toString(true).getBytes(StandardCharsets.UTF_8);
        publishedJson = new PublishedJson(published, json);
        return json.clone();
    }

    private record PublishedJson(List<KeyRow> rows, byte[] json) {
    }

    private JWKSet keySetOf(List<KeyRow> published) {
        if (published.isEmpty()) {
            return new JWKSet(List.of(initialSigningKey().toPublicJWK()));
        }
        return new JWKSet(published.stream().<JWK>map(this::publicKeyOf).toList());
    }

    @Override
    public PublicSigningKey generate() {
        String json = newSigningKey();
        ECKey key = parseKey(json);
        String name = ROTATED_SIGNING_KEY_PREFIX + key.getKeyID();
        // In the caller's transaction, the one appending the key's events: key and events exist together.
        repository.insert(new KeyMaterialEntry(name, cipher.seal(json, PURPOSE_PREFIX + name), clock.instant()));
        log.info("Generated signing key {}", key.getKeyID());
        return new PublicSigningKey(key.getKeyID(), key.toPublicJWK().toJSONString(), clock.instant());
    }

    @Override
    public PublicSigningKey initialKey() {
        ECKey key = initialSigningKey();
        return new PublicSigningKey(key.getKeyID(), key.toPublicJWK().toJSONString(), initialKeyCreatedAt);
    }

    @Override
    public Duration retirementDelay() {
        return tokens.accessTokenTtl().plus(tokens.clockSkew()).plus(RETIREMENT_MARGIN);
    }

    @Override
    public Optional<Instant> activeSince() {
        return ring.activeSince();
    }

    @Override
    public boolean activeKeyMissing() {
        String kid = ring.activeKid();
        return kid != null && !kid.equals(initialSigningKey().getKeyID())
                && repository.findById(ROTATED_SIGNING_KEY_PREFIX + kid).isEmpty();
    }

    @Override
    public boolean retirementDue(Instant now) {
        return ring.retirementDue(now);
    }

    private ECKey initialSigningKey() {
        ECKey key = initialKey;
        if (key == null) {
            synchronized (this) {
                if (initialKey == null) {
                    initialKey = parseKey(loadOrCreate(SIGNING_KEY, KeyStore::newSigningKey, KeyStore::isClearSigningKey));
                    initialKeyCreatedAt = repository.findById(SIGNING_KEY).map(KeyMaterialEntry::getCreatedAt)
                            .orElse(null);
                }
                key = initialKey;
            }
        }
        return key;
    }

    private ECKey openPrivateKey(String kid) {
        ECKey initial = initialSigningKey();
        if (initial.getKeyID().equals(kid)) {
            return initial;
        }
        String name = ROTATED_SIGNING_KEY_PREFIX + kid;
        KeyMaterialEntry entry = repository.findById(name).orElseThrow(() -> new IllegalStateException(
                "the key ring names signing key " + kid + " but table rotor_key_material has no row " + name));
        ECKey key = parseKey(open(name, entry.getMaterial(), PURPOSE_PREFIX + name));
        if (!kid.equals(key.getKeyID()) || !key.isPrivate()) {
            throw new IllegalStateException("key material row " + name + " does not hold private key " + kid);
        }
        return key;
    }

    private ECKey publicKeyOf(KeyRow row) {
        return publicKeys.computeIfAbsent(row.kid(), kid -> {
            ECKey key = parseKey(row.publicJwk());
            if (!kid.equals(key.getKeyID()) || key.isPrivate()) {
                throw new IllegalStateException("the key ring's public key " + kid + " is not a public key of that id");
            }
            return key;
        });
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
                newTransaction.executeWithoutResult(status -> repository.insert(
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
