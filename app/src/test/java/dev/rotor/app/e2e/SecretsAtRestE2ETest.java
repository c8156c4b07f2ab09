package dev.rotor.app.e2e;

import static dev.rotor.app.e2e.E2eSupport.PASSWORD;
import static dev.rotor.app.e2e.E2eSupport.jwtPart;
import static dev.rotor.app.e2e.E2eSupport.login;
import static dev.rotor.app.e2e.E2eSupport.newUser;
import static dev.rotor.app.e2e.E2eSupport.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.ECKey;
import dev.rotor.app.keys.KeyStore;
import dev.rotor.app.keys.MasterKeyException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Secrets at rest over the real server: the database holds the signing key and the refresh secret
 * only sealed with the master key, a restart opens them again, the clear rows of an earlier release
 * are sealed on the first start after the upgrade, and a key file that does not fit stops the start
 * without touching the stored secrets.
 */
class SecretsAtRestE2ETest {

    /** Long enough that a refresh token presented again after a restart is still "the racing parent". */
    private static final Map<String, Object> LONG_REUSE_LEEWAY = Map.of("rotor.session.reuse-leeway", "10m");

    private RotorServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theDatabaseHoldsNoKeyMaterialInClearAndARestartOpensItAgain() throws Exception {
        server = RotorServer.start(LONG_REUSE_LEEWAY);
        Session session = loginAndRefresh(server);
        KeyStore keys = server.context().getBean(KeyStore.class);
        ECKey signingKey = keys.currentSigningKey();
        byte[] refreshSecret = keys.refreshTokenDerivationSecret();

        Map<String, String> rows = keyMaterialRows(server.context().getBean(JdbcTemplate.class));
        assertThat(rows).containsOnlyKeys("access-token-signing-key", "refresh-token-derivation-secret");
        assertThat(rows.values()).allSatisfy(material -> assertThat(material).matches("v1:[A-Za-z0-9_-]+"));
        // The whole database, as a dump would show it: events, lookups, read models and keys.
        String dump = String.join("\n", server.context().getBean(JdbcTemplate.class).queryForList("SCRIPT", String.class));
        assertThat(dump).contains("ROTOR_KEY_MATERIAL").contains(rows.get("access-token-signing-key"));
        assertNoClearKeyMaterial(dump, signingKey, refreshSecret);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(server.masterKeyFile())))
                    .isEqualTo("rw-------");
        }

        server.restart();
        RotorClient after = server.client();

        assertThat(after.me(session.access).status()).as("a token signed before the restart").isEqualTo(200);
        assertThat(jwtPart(after.login(session.email, PASSWORD).text("access_token"), 0).get("kid").asText())
                .isEqualTo(signingKey.getKeyID());
        RotorClient.Response replayed = after.refresh(session.parentRefresh);
        assertThat(replayed.status()).as(replayed.body()).isEqualTo(200);
        assertThat(replayed.text("refresh_token")).as("the same successor: the refresh secret opened again")
                .isEqualTo(session.currentRefresh);
    }

    @Test
    void aRotatedInSigningKeyIsStoredSealedUnderItsKidAndNeverInAnEvent() throws Exception {
        server = RotorServer.start();
        RotorClient client = server.client();
        RotorClient.Response rotated = client.post("/api/v1/admin/keys/rotate",
                RotorClient.json("reason", "secrets at rest"), client.adminToken());
        assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
        KeyStore keys = server.context().getBean(KeyStore.class);
        ECKey newKey = keys.currentSigningKey();
        assertThat(newKey.getKeyID()).isEqualTo(rotated.text("kid"));

        JdbcTemplate jdbc = server.context().getBean(JdbcTemplate.class);
        Map<String, String> rows = keyMaterialRows(jdbc);
        assertThat(rows).containsOnlyKeys("access-token-signing-key", "refresh-token-derivation-secret",
                "signing-key:" + newKey.getKeyID());
        assertThat(rows.values()).allSatisfy(material -> assertThat(material).matches("v1:[A-Za-z0-9_-]+"));
        String dump = String.join("\n", jdbc.queryForList("SCRIPT", String.class));
        assertThat(dump).as("the events name the new key").contains(newKey.getKeyID())
                .contains(newKey.getX().toString());
        assertNoClearKeyMaterial(dump, newKey, keys.refreshTokenDerivationSecret());

        server.restart();
        assertThat(jwtPart(server.client().adminToken(), 0).get("kid").asText()).as("opened again after a restart")
                .isEqualTo(newKey.getKeyID());
    }

    @Test
    void clearKeyMaterialOfAnEarlierReleaseIsSealedOnTheFirstStartAfterTheUpgrade() throws Exception {
        server = RotorServer.start(LONG_REUSE_LEEWAY);
        Session session = loginAndRefresh(server);
        KeyStore keys = server.context().getBean(KeyStore.class);
        ECKey signingKey = keys.currentSigningKey();
        byte[] refreshSecret = keys.refreshTokenDerivationSecret();
        server.stop();
        // The database as the release before this one left it: key material in clear (a private JWK,
        // the secret in base64), and no master key file.
        try (Connection db = openDatabase(server)) {
            update(db, "access-token-signing-key", signingKey.toJSONString());
            update(db, "refresh-token-derivation-secret", Base64.getEncoder().encodeToString(refreshSecret));
        }
        Files.delete(server.masterKeyFile());

        server.restart();

        assertThat(server.masterKeyFile()).as("the upgrade created the master key").exists();
        Map<String, String> rows = keyMaterialRows(server.context().getBean(JdbcTemplate.class));
        assertThat(rows.values()).allSatisfy(material -> assertThat(material).startsWith("v1:"));
        assertNoClearKeyMaterial(String.join("\n", rows.values()), signingKey, refreshSecret);
        RotorClient after = server.client();
        assertThat(after.me(session.access).status()).as("a token signed with the clear key still validates")
                .isEqualTo(200);
        RotorClient.Response replayed = after.refresh(session.parentRefresh);
        assertThat(replayed.status()).as(replayed.body()).isEqualTo(200);
        assertThat(replayed.text("refresh_token")).isEqualTo(session.currentRefresh);

        server.restart();
        assertThat(keyMaterialRows(server.context().getBean(JdbcTemplate.class))).as("sealed once, then only opened")
                .isEqualTo(rows);
        assertThat(server.client().me(session.access).status()).isEqualTo(200);
    }

    @Test
    void aKeyFileThatDoesNotFitStopsTheStartAndTheStoredSecretsStayAsTheyWere() throws Exception {
        server = RotorServer.start();
        Session session = loginAndRefresh(server);
        server.stop();
        Path keyFile = server.masterKeyFile();
        byte[] rightKey = Files.readAllBytes(keyFile);
        Map<String, String> rowsBefore;
        try (Connection db = openDatabase(server)) {
            rowsBefore = keyMaterialRows(db);
        }

        // another key in its place
        byte[] otherKey = new byte[32];
        new SecureRandom().nextBytes(otherKey);
        String otherKeyFile = "rotor-master-key-v1:" + Base64.getEncoder().encodeToString(otherKey) + "\n";
        Files.writeString(keyFile, otherKeyFile);
        assertThatThrownBy(server::restart).rootCause()
                .isInstanceOf(MasterKeyException.class)
                .hasMessageContaining("The master key in " + keyFile)
                .hasMessageContaining("cannot open the key material")
                .hasMessageContaining("Start with the master key file these secrets were sealed with")
                .hasMessageNotContaining("\n");
        assertThat(Files.readString(keyFile)).isEqualTo(otherKeyFile);

        // no key at all: never a new one over sealed secrets
        Files.delete(keyFile);
        assertThatThrownBy(server::restart).rootCause()
                .isInstanceOf(MasterKeyException.class)
                .hasMessageContaining("Master key file " + keyFile + " does not exist, but the database already holds "
                        + "secrets sealed with a master key")
                .hasMessageNotContaining("\n");
        assertThat(keyFile).doesNotExist();

        try (Connection db = openDatabase(server)) {
            assertThat(keyMaterialRows(db)).as("not overwritten").isEqualTo(rowsBefore);
        }
        Files.write(keyFile, rightKey);
        server.restart();
        assertThat(server.client().me(session.access).status()).as("the right key opens everything again")
                .isEqualTo(200);
    }

    @Test
    void afterALostMasterKeyAndTheKeyMaterialDeletedTheServerStartsWithANewSigningKey() throws Exception {
        // The operator's procedure of the README: stop, delete the rows of rotor_key_material, start
        // with a new key file. The key ring still names the old key: it is replaced at start.
        server = RotorServer.start();
        RotorClient client = server.client();
        String oldKid = jwtPart(client.adminToken(), 0).get("kid").asText();
        server.stop();
        try (Connection db = openDatabase(server)) {
            db.createStatement().executeUpdate("delete from rotor_key_material");
        }
        Files.delete(server.masterKeyFile());

        server.restart();

        RotorClient after = server.client();
        String admin = after.adminToken();
        String newKid = jwtPart(admin, 0).get("kid").asText();
        assertThat(newKid).isNotEqualTo(oldKid);
        assertThat(after.me(admin).status()).isEqualTo(200);
        JsonNode keys = after.get("/api/v1/admin/keys", admin).json();
        Map<String, String> statuses = new TreeMap<>();
        keys.forEach(key -> statuses.put(key.get("kid").asText(), key.get("status").asText()));
        assertThat(statuses).containsEntry(newKid, "active").containsEntry(oldKid, "retiring");
    }

    private record Session(String email, String access, String parentRefresh, String currentRefresh) {
    }

    /** A user who logged in (so the key exists and signed a token) and refreshed once. */
    private static Session loginAndRefresh(RotorServer server) {
        RotorClient client = server.client();
        String email = uniqueEmail();
        newUser(client, email);
        JsonNode tokens = login(client, email, PASSWORD);
        String parent = tokens.get("refresh_token").asText();
        RotorClient.Response refreshed = client.refresh(parent);
        assertThat(refreshed.status()).isEqualTo(200);
        return new Session(email, refreshed.text("access_token"), parent, refreshed.text("refresh_token"));
    }

    private static void assertNoClearKeyMaterial(String stored, ECKey signingKey, byte[] refreshSecret) {
        assertThat(stored)
                .doesNotContain("\"d\":")
                .doesNotContain(signingKey.getD().toString())
                .doesNotContain(Base64.getEncoder().encodeToString(refreshSecret))
                .doesNotContain(Base64.getEncoder().withoutPadding().encodeToString(refreshSecret))
                .doesNotContain(Base64.getUrlEncoder().withoutPadding().encodeToString(refreshSecret))
                .doesNotContainIgnoringCase(HexFormat.of().formatHex(refreshSecret));
    }

    private static Map<String, String> keyMaterialRows(JdbcTemplate jdbc) {
        Map<String, String> rows = new TreeMap<>();
        jdbc.queryForList("select name, material from rotor_key_material")
                .forEach(row -> rows.put((String) row.get("name"), (String) row.get("material")));
        return rows;
    }

    private static Map<String, String> keyMaterialRows(Connection db) throws Exception {
        Map<String, String> rows = new TreeMap<>();
        try (ResultSet rs = db.createStatement().executeQuery("select name, material from rotor_key_material")) {
            while (rs.next()) {
                rows.put(rs.getString(1), rs.getString(2));
            }
        }
        return rows;
    }

    private static void update(Connection db, String name, String material) throws Exception {
        try (PreparedStatement update = db.prepareStatement("update rotor_key_material set material = ? where name = ?")) {
            update.setString(1, material);
            update.setString(2, name);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }

    /** The stopped server's H2 file, opened directly, as an operator's dump would. */
    private static Connection openDatabase(RotorServer server) throws Exception {
        return DriverManager.getConnection("jdbc:h2:file:" + server.dataDir().resolve("rotor").toAbsolutePath(), "sa", "");
    }
}
