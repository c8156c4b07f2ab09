package dev.rotor.app.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The key store over a table of rows (a map standing in for {@code rotor_key_material}): it stores
 * only sealed material, seals the clear rows of an earlier release, lets the first of several nodes
 * win both races (insert and seal), and refuses a master key that does not open the rows.
 */
class KeyStoreTest {

    private final MasterKeyCipher cipher = new MasterKeyCipher(randomKey(), Path.of("master.key"));
    private final Map<String, String> rows = new HashMap<>();
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

    private KeyStore start(MasterKeyCipher withCipher) {
        KeyStore store = new KeyStore(repository(), mock(PlatformTransactionManager.class), withCipher);
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
        when(repository.saveAndFlush(any())).thenAnswer(call -> {
            otherNodeFirst.run();
            KeyMaterialEntry entry = call.getArgument(0);
            if (rows.putIfAbsent(entry.getName(), entry.getMaterial()) != null) {
                throw new DataIntegrityViolationException("duplicate key");
            }
            return entry;
        });
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
