package dev.rotor.query.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bouncycastle.util.BigIntegers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ECDSA P-256 / SHA-256 signature vectors in Wycheproof's P1363 layout, each run through the very
 * check every access token's signature goes through ({@link AccessTokenVerifier#verifyEs256}, with
 * the verifier {@link AccessTokenVerifier#es256Verifier} builds). Rotor accepts a vector exactly when
 * it is {@code valid} ECDSA and low-S; see {@code src/test/resources/ecdsa-p1363/README.md} for where
 * the vectors come from.
 */
class Es256SignatureVectorsTest {

    private static final String FOLDER = "/ecdsa-p1363/";
    /** Vector files in {@link #FOLDER}; the upstream Wycheproof file joins this list once a registry ships it. */
    static final List<String> SHIPPED = List.of("rotor_secp256r1_sha256_p1363_test.json");
    /**
     * Wycheproof's own file, run when it is in a folder beside the project: {@code -Drotor.wycheproof.dir=...},
     * or {@code ../shared/wycheproof/} seen from the checkout (where the project's steering can lay it,
     * since this project may not commit it).
     */
    static final String UPSTREAM = "ecdsa_secp256r1_sha256_p1363_test.json";
    static final List<String> FILES = files();

    private static List<String> files() {
        List<String> files = new ArrayList<>(SHIPPED);
        Path upstream = upstreamFolder().resolve(UPSTREAM);
        if (Files.isRegularFile(upstream)) {
            files.add(upstream.toString());
        }
        return List.copyOf(files);
    }

    private static Path upstreamFolder() {
        String configured = System.getProperty("rotor.wycheproof.dir");
        return configured != null ? Path.of(configured) : Path.of("..", "..", "shared", "wycheproof");
    }

    private static final BigInteger HALF_ORDER = Curve.P_256.toECParameterSpec().getOrder().shiftRight(1);
    private static final JWSHeader ES256 = new JWSHeader(JWSAlgorithm.ES256);
    private static final HexFormat HEX = HexFormat.of();

    record Vector(String file, long tcId, String comment, String result, JWSVerifier verifier, byte[] msg,
                  byte[] sig) {

        /** Rotor's policy: ECDSA-valid and low-S; "acceptable" leniencies are refused. */
        boolean acceptedByRotor() {
            return "valid".equals(result) && !isHighS(sig);
        }

        @Override
        public String toString() {
            return file + " #" + tcId + " " + comment + " (" + result + ")";
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void rotorAcceptsExactlyTheValidLowSSignatures(Vector vector) {
        boolean accepted = vector.verifier() != null
                && AccessTokenVerifier.verifyEs256(vector.verifier(), ES256, vector.msg(), vector.sig());

        assertThat(accepted).as(vector.toString()).isEqualTo(vector.acceptedByRotor());
    }

    @Test
    void everyFileIsReadWholeAndHasBothOutcomes() {
        for (String file : FILES) {
            Map<String, Object> json = read(file);
            List<Vector> vectors = vectorsOf(file, json);
            assertThat((long) vectors.size()).as(file).isEqualTo(((Number) json.get("numberOfTests")).longValue());
            assertThat(vectors).as(file).anyMatch(Vector::acceptedByRotor).anyMatch(v -> !v.acceptedByRotor());
        }
    }

    static Stream<Vector> vectors() {
        return FILES.stream().flatMap(file -> vectorsOf(file, read(file)).stream());
    }

    private static List<Vector> vectorsOf(String file, Map<String, Object> json) {
        List<Vector> vectors = new ArrayList<>();
        try {
            for (Map<String, Object> group : JSONObjectUtils.getJSONObjectArray(json, "testGroups")) {
                assertThat(JSONObjectUtils.getString(group, "sha")).as(file).isEqualTo("SHA-256");
                Map<String, Object> key = JSONObjectUtils.getJSONObject(group, "publicKey");
                assertThat(JSONObjectUtils.getString(key, "curve")).as(file).isEqualTo("secp256r1");
                JWSVerifier verifier = verifierOf(JSONObjectUtils.getString(key, "wx"),
                        JSONObjectUtils.getString(key, "wy"));
                for (Map<String, Object> test : JSONObjectUtils.getJSONObjectArray(group, "tests")) {
                    vectors.add(new Vector(file, JSONObjectUtils.getLong(test, "tcId"),
                            JSONObjectUtils.getString(test, "comment"), JSONObjectUtils.getString(test, "result"),
                            verifier, HEX.parseHex(JSONObjectUtils.getString(test, "msg")),
                            HEX.parseHex(JSONObjectUtils.getString(test, "sig"))));
                }
            }
        } catch (ParseException e) {
            throw new IllegalStateException(file + " is not in the expected layout", e);
        }
        return vectors;
    }

    /** The verifier of a vector's public key, or null for a key Rotor could not use (then nothing verifies). */
    private static JWSVerifier verifierOf(String wx, String wy) {
        BigInteger x = new BigInteger(wx, 16);
        BigInteger y = new BigInteger(wy, 16);
        if (x.bitLength() > 256 || y.bitLength() > 256) {
            return null;
        }
        try {
            return AccessTokenVerifier.es256Verifier(new ECKey.Builder(Curve.P_256,
                    Base64URL.encode(BigIntegers.asUnsignedByteArray(32, x)),
                    Base64URL.encode(BigIntegers.asUnsignedByteArray(32, y))).build());
        } catch (JOSEException | IllegalArgumentException | IllegalStateException e) {
            return null;
        }
    }

    private static boolean isHighS(byte[] sig) {
        return sig.length == 64 && new BigInteger(1, Arrays.copyOfRange(sig, 32, 64)).compareTo(HALF_ORDER) > 0;
    }

    private static Map<String, Object> read(String file) {
        try (InputStream in = SHIPPED.contains(file) ? Es256SignatureVectorsTest.class.getResourceAsStream(FOLDER + file)
                : Files.newInputStream(Path.of(file))) {
            assertThat(in).as("resource %s%s", FOLDER, file).isNotNull();
            return JSONObjectUtils.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), Integer.MAX_VALUE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ParseException e) {
            throw new IllegalStateException(file + " is not JSON", e);
        }
    }
}
