package dev.rotor.app.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.JWK;
import dev.rotor.command.keys.SigningKeyVault;
import dev.rotor.query.keys.SigningKeyProjection;
import dev.rotor.query.token.TokenVerificationProperties;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The key store over a table of rows (a map standing in for {@code rotor_key_material}): it stores
 * only sealed material, seals the clear rows of an earlier release, lets the first of several nodes
 * win both races (insert and seal), and refuses a master key that does not open the rows.
 */
class KeyStoreTest {

    private final MasterKeyCipher cipher = new MasterKeyCipher(randomKey(), Path.of("master.key"));
    private final Map<String, String> rows = new HashMap<>();
    private final SigningKeyProjection ring = mock(SigningKeyProjection.class);
    /** Runs just before this node writes: another node getting there first. */
    private Runnable otherNodeFirst = () -> { };

    @Test
    void aNewDatabaseGetsSealedKeyMaterialThatOpensAgain() throws Exception {
        KeyStore first = start(cipher);
        ECKey key = first.currentSigningKey();

        assertThat(rows).containsOnlyKeys(KeyStore.SIGNING_KEY, KeyStore.REFRESH_SECRET);
        assertThat(rows.values()).allSatisfy(material -> assertThat(material).startsWith("v1:")
                .doesNotContain("\"d\"").doesNotContain(key.getD().toString()));

        KeyStore again = start(cipher);
        assertThat(again.currentSigningKey().toJSONString()).isEqualTo(key.toJSONString());
        assertThat(again.refreshTokenDerivationSecret()).isEqualTo(first.refreshTokenDerivationSecret());
    }

    @Test
    void clearRowsOfAnEarlierReleaseAreSealedInPlace() throws Exception {
        ECKey clearKey = new ECKeyGenerator(Curve.P_256).keyID("old-kid").generate();
        byte[] clearSecret = randomKey();
        rows.put(KeyStore.SIGNING_KEY, clearKey.toJSONString());
        rows.put(KeyStore.REFRESH_SECRET, Base64.getEncoder().encodeToString(clearSecret));

        KeyStore store = start(cipher);

        assertThat(store.currentSigningKey().toJSONString()).isEqualTo(clearKey.toJSONString());
        assertThat(store.refreshTokenDerivationSecret()).isEqualTo(clearSecret);
        assertThat(rows.get(KeyStore.SIGNING_KEY)).startsWith("v1:");
        assertThat(rows.get(KeyStore.REFRESH_SECRET)).startsWith("v1:")
                .doesNotContain(Base64.getEncoder().encodeToString(clearSecret));
        assertThat(cipher.open(rows.get(KeyStore.SIGNING_KEY), KeyStore.PURPOSE_PREFIX + KeyStore.SIGNING_KEY))
                .isEqualTo(clearKey.toJSONString());
    }

    @Test
    void aNodeThatLosesTheSealRaceUsesTheWinnersSealedRow() throws Exception {
        ECKey clearKey = new ECKeyGenerator(Curve.P_256).keyID("old-kid").generate();
        String clearSecret = Base64.getEncoder().encodeToString(randomKey());
        rows.put(KeyStore.SIGNING_KEY, clearKey.toJSONString());
        rows.put(KeyStore.REFRESH_SECRET, clearSecret);
        Map<String, String> winners = Map.of(
                KeyStore.SIGNING_KEY, cipher.seal(clearKey.toJSONString(), KeyStore.PURPOSE_PREFIX + KeyStore.SIGNING_KEY),
                KeyStore.REFRESH_SECRET, cipher.seal(clearSecret, KeyStore.PURPOSE_PREFIX + KeyStore.REFRESH_SECRET));
        otherNodeFirst = () -> rows.putAll(winners);

        KeyStore loser = start(cipher);

        assertThat(rows).as("the winner's rows are not overwritten").isEqualTo(winners);
        assertThat(loser.currentSigningKey().toJSONString()).isEqualTo(clearKey.toJSONString());
        assertThat(Base64.getEncoder().encodeToString(loser.refreshTokenDerivationSecret())).isEqualTo(clearSecret);
    }

    @Test
    void aNodeThatLosesTheFirstStartRaceUsesTheWinnersKey() throws Exception {
        KeyStore winner = start(cipher);
        Map<String, String> winners = Map.copyOf(rows);
        rows.clear();
        otherNodeFirst = () -> rows.putAll(winners);

        KeyStore loser = start(cipher);

        assertThat(rows).isEqualTo(winners);
        assertThat(loser.currentSigningKey().getKeyID()).isEqualTo(winner.currentSigningKey().getKeyID());
        assertThat(loser.refreshTokenDerivationSecret()).isEqualTo(winner.refreshTokenDerivationSecret());
    }

    @Test
    void anotherMasterKeyStopsTheStartAndChangesNothing() {
        start(cipher);
        Map<String, String> before = Map.copyOf(rows);
        MasterKeyCipher other = new MasterKeyCipher(randomKey(), Path.of("/etc/rotor/other.key"));

        assertThatThrownBy(() -> start(other))
                .isInstanceOf(MasterKeyException.class)
                .hasMessageContaining("The master key in /etc/rotor/other.key (fingerprint " + other.fingerprint()
                        + ") cannot open the key material 'access-token-signing-key'")
                .hasMessageContaining("Start with the master key file these secrets were sealed with")
                .hasMessageNotContaining("\n");
        assertThat(rows).isEqualTo(before);
    }

    @Test
    void aSealedRowMovedToAnotherNameDoesNotOpen() {
        start(cipher);
        rows.put(KeyStore.REFRESH_SECRET, rows.get(KeyStore.SIGNING_KEY));
        assertThatThrownBy(() -> start(cipher)).isInstanceOf(MasterKeyException.class)
                .hasMessageContaining("'refresh-token-derivation-secret'");
    }

    @Test
    void rowsInAnUnknownFormatOrNeitherSealedNorClearStopTheStart() {
        rows.put(KeyStore.SIGNING_KEY, "v2:AAAA");
        assertThatThrownBy(() -> start(cipher)).isInstanceOf(MasterKeyException.class)
                .hasMessageContaining("sealed in a format this release does not know");

        rows.put(KeyStore.SIGNING_KEY, "not a key");
        assertThatThrownBy(() -> start(cipher)).isInstanceOf(MasterKeyException.class)
                .hasMessageContaining("neither sealed nor in the clear form of an earlier release")
                .hasMessageNotContaining("not a key");
        assertThat(rows.get(KeyStore.SIGNING_KEY)).isEqualTo("not a key");
    }

    @Test
    void aGeneratedKeyIsStoredSealedUnderItsKidAndSignsOnceTheRingNamesIt() throws Exception {
        KeyStore store = start(cipher);
        ECKey initial = store.currentSigningKey();

        SigningKeyVault.PublicSigningKey generated = store.generate();

        String row = KeyStore.ROTATED_SIGNING_KEY_PREFIX + generated.kid();
        assertThat(rows).containsKey(row);
        assertThat(rows.get(row)).startsWith("v1:").doesNotContain(generated.kid());
        assertThat(generated.publicJwk()).doesNotContain("\"d\"");
        assertThat(store.currentSigningKey().getKeyID()).as("not active until the ring says so")
                .isEqualTo(initial.getKeyID());

        when(ring.activeKid()).thenReturn(generated.kid());
        ECKey signing = store.currentSigningKey();
        assertThat(signing.getKeyID()).isEqualTo(generated.kid());
        assertThat(signing.isPrivate()).isTrue();
        assertThat(signing.toPublicJWK().toJSONString()).isEqualTo(ECKey.parse(generated.publicJwk()).toJSONString());

        // A row copied under another key's name does not open (the row name is the associated data).
        rows.put(KeyStore.ROTATED_SIGNING_KEY_PREFIX + "other", rows.get(row));
        when(ring.activeKid()).thenReturn("other");
        assertThatThrownBy(store::currentSigningKey).isInstanceOf(MasterKeyException.class);
    }

    @Test
    void theJwksHoldsTheRingsPublishedKeysAndVerificationRefusesARetiredOne() throws Exception {
        KeyStore store = start(cipher);
        ECKey active = new ECKeyGenerator(Curve.P_256).keyID("active-kid").generate();
        ECKey retiring = new ECKeyGenerator(Curve.P_256).keyID("retiring-kid").generate();
        ECKey retired = new ECKeyGenerator(Curve.P_256).keyID("retired-kid").generate();
        Instant now = Instant.now();
        SigningKeyProjection.KeyRow activeRow = new SigningKeyProjection.KeyRow("active-kid",
                active.toPublicJWK().toJSONString(), "active", now, now, null);
        SigningKeyProjection.KeyRow retiringRow = new SigningKeyProjection.KeyRow("retiring-kid",
                retiring.toPublicJWK().toJSONString(), "retiring", now, now, now.plusSeconds(60));
        SigningKeyProjection.KeyRow retiredByTime = new SigningKeyProjection.KeyRow("retired-kid",
                retired.toPublicJWK().toJSONString(), "retiring", now, now, now.minusSeconds(1));
        when(ring.published(any())).thenReturn(List.of(activeRow, retiringRow));
        when(ring.key("active-kid")).thenReturn(Optional.of(activeRow));
        when(ring.key("retiring-kid")).thenReturn(Optional.of(retiringRow));
        when(ring.key("retired-kid")).thenReturn(Optional.of(retiredByTime));
        when(ring.key("unknown")).thenReturn(Optional.empty());
        when(ring.activeKid()).thenReturn("active-kid");

        assertThat(store.publicKeys().getKeys()).extracting(JWK::getKeyID).containsExactly("active-kid", "retiring-kid");
        assertThat(store.publicKeys().getKeys()).noneMatch(JWK::isPrivate);
        assertThat(store.publicKey("retiring-kid")).map(ECKey::toJSONString)
                .contains(retiring.toPublicJWK().toJSONString());
        assertThat(store.publicKey("retired-kid")).isEmpty();
        assertThat(store.publicKey("unknown")).isEmpty();
    }

    private KeyStore start(MasterKeyCipher withCipher) {
        KeyStore store = new KeyStore(repository(), mock(PlatformTransactionManager.class), withCipher, ring,
                new TokenVerificationProperties("http://rotor.test", "rotor", Duration.ofMinutes(15),
                        Duration.ofSeconds(30), 1000), Clock.systemUTC());
        store.afterPropertiesSet();
        return store;
    }

    /** A repository over {@link #rows} with the table's semantics: inserts of an existing name fail, updates compare and set. */
    private KeyMaterialRepository repository() {
        KeyMaterialRepository repository = mock(KeyMaterialRepository.class);
        when(repository.findById(anyString())).thenAnswer(call -> {
            String name = call.getArgument(0);
            return Optional.ofNullable(rows.get(name)).map(material -> new KeyMaterialEntry(name, material, Instant.EPOCH));
        });
        doAnswer(call -> {
            otherNodeFirst.run();
            KeyMaterialEntry entry = call.getArgument(0);
            if (rows.putIfAbsent(entry.getName(), entry.getMaterial()) != null) {
                throw new DuplicateKeyException("duplicate key");
            }
            return null;
        }).when(repository).insert(any());
        when(repository.replaceMaterial(anyString(), anyString(), anyString())).thenAnswer(call -> {
            otherNodeFirst.run();
            return rows.replace(call.getArgument(0), call.getArgument(1), call.getArgument(2)) ? 1 : 0;
        });
        return repository;
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
