package dev.rotor.app.e2e;

import static dev.rotor.app.e2e.E2eSupport.assertInvalidToken;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Forged access tokens over real HTTP: every one, derived from a genuine token the way an attacker
 * who holds one (and Rotor's public key) would, gets {@code 401 invalid_token} from
 * {@code GET /api/v1/me}, and the genuine token keeps working. Forgeries that need Rotor's private key
 * (an expired or wrongly typed token with a right signature) are pinned in-process by
 * {@code AccessTokenVerifierTest}.
 */
class ForgedTokenE2ETest {

    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final BigInteger P256_ORDER = Curve.P_256.toECParameterSpec().getOrder();
    private static final String ELSEWHERE = "http://127.0.0.1:9/jwks.json";

    /** One genuine user token (and what an attacker can read next to it), made on first use. */
    private record Genuine(String token, JsonNode header, JsonNode payload, String signature, String adminUserId,
                           ECKey serverPublicKey, ECKey attacker) {

        private static Genuine instance;

        static synchronized Genuine get() {
            if (instance == null) {
                RotorClient client = SharedRotorServer.get().client();
                String email = E2eSupport.uniqueEmail();
                E2eSupport.newUser(client, email);
                String token = E2eSupport.login(client, email, E2eSupport.PASSWORD).get("access_token").asText();
                String adminUserId = client.me(client.adminToken()).text("user_id");
                JsonNode jwks = client.get("/.well-known/jwks.json", null).json();
                assertThat(jwks.get("keys")).hasSize(1);
                try {
                    ECKey serverKey = ECKey.parse(jwks.get("keys").get(0).toString());
                    ECKey attacker = new ECKeyGenerator(Curve.P_256).keyID("attacker-" + UUID.randomUUID()).generate();
                    instance = new Genuine(token, E2eSupport.jwtPart(token, 0), E2eSupport.jwtPart(token, 1),
                            token.substring(token.lastIndexOf('.') + 1), adminUserId, serverKey, attacker);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            return instance;
        }

        ObjectNode headerWith(Consumer<ObjectNode> change) {
            ObjectNode copy = header.deepCopy();
            change.accept(copy);
            return copy;
        }

        ObjectNode payloadWith(Consumer<ObjectNode> change) {
            ObjectNode copy = payload.deepCopy();
            change.accept(copy);
            return copy;
        }

        /** The claims an attacker wants: the admin's identity and role. */
        ObjectNode escalatedPayload() {
            return payloadWith(p -> {
                p.put("sub", adminUserId);
                p.set("roles", RotorClient.JSON.valueToTree(List.of("admin", "user")));
            });
        }
    }

    @Test
    void theGenuineTokenIsAcceptedAndItsSignatureIsLowS() {
        Genuine genuine = Genuine.get();
        RotorClient.Response me = me(genuine.token());

        assertThat(me.status()).as("control: %s", me.body()).isEqualTo(200);
        byte[] signature = Base64.getUrlDecoder().decode(genuine.signature());
        assertThat(signature).hasSize(64);
        assertThat(new BigInteger(1, Arrays.copyOfRange(signature, 32, 64)))
                .isLessThanOrEqualTo(P256_ORDER.shiftRight(1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("algNone")
    void algNoneInAnyCaseIsRefused(String forgery) {
        assertRefusedAndGenuineUnharmed(forgery);
    }

    static Stream<Named<String>> algNone() {
        Genuine g = Genuine.get();
        List<Named<String>> forgeries = new ArrayList<>();
        for (String alg : List.of("none", "None", "NONE", "nOnE")) {
            ObjectNode header = g.headerWith(h -> h.put("alg", alg));
            forgeries.add(Named.of("alg " + alg + ", no signature", compact(header, g.payload(), "")));
            forgeries.add(Named.of("alg " + alg + ", original signature", compact(header, g.payload(), g.signature())));
            forgeries.add(Named.of("alg " + alg + ", admin claims, no signature",
                    compact(header, g.escalatedPayload(), "")));
        }
        return forgeries.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("emptyOrZeroSignatures")
    void emptyAndZeroSignaturesAreRefused(String forgery) {
        assertRefusedAndGenuineUnharmed(forgery);
    }

    static Stream<Named<String>> emptyOrZeroSignatures() {
        Genuine g = Genuine.get();
        String zero = B64URL.encodeToString(new byte[64]);
        return Stream.of(
                Named.of("empty signature", compact(g.header(), g.payload(), "")),
                Named.of("r = s = 0 (CVE-2022-21449)", compact(g.header(), g.payload(), zero)),
                Named.of("r = s = 0 with admin claims", compact(g.header(), g.escalatedPayload(), zero)),
                Named.of("r = s = 0 in DER", compact(g.header(), g.payload(),
                        B64URL.encodeToString(new byte[] {0x30, 0x06, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00}))),
                Named.of("r = s = n", compact(g.header(), g.payload(), B64URL.encodeToString(
                        concat(unsigned32(P256_ORDER), unsigned32(P256_ORDER))))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hmacWithThePublicKey")
    void hs256KeyedWithThePublicKeyIsRefused(String forgery) {
        assertRefusedAndGenuineUnharmed(forgery);
    }

    static Stream<Named<String>> hmacWithThePublicKey() throws Exception {
        Genuine g = Genuine.get();
        ECKey key = g.serverPublicKey();
        byte[] x = key.getX().decode();
        byte[] y = key.getY().decode();
        byte[] der = key.toECPublicKey().getEncoded();
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END PUBLIC KEY-----\n";
        Map<String, byte[]> secrets = new LinkedHashMap<>();
        secrets.put("JWKS x", x);
        secrets.put("JWKS y", y);
        secrets.put("x || y", concat(x, y));
        secrets.put("uncompressed point 04 || x || y", concat(new byte[] {4}, concat(x, y)));
        secrets.put("DER SubjectPublicKeyInfo", der);
        secrets.put("PEM", pem.getBytes(StandardCharsets.US_ASCII));
        secrets.put("PEM without final newline", pem.strip().getBytes(StandardCharsets.US_ASCII));
        secrets.put("JWK JSON", key.toJSONString().getBytes(StandardCharsets.UTF_8));
        secrets.put("JWKS x as base64url text", key.getX().toString().getBytes(StandardCharsets.US_ASCII));
        ObjectNode header = g.headerWith(h -> h.put("alg", "HS256"));
        List<Named<String>> forgeries = new ArrayList<>();
        secrets.forEach((name, secret) -> {
            forgeries.add(Named.of("HS256 keyed with " + name, hs256(secret, header, g.payload())));
            forgeries.add(Named.of("HS256 keyed with " + name + ", admin claims",
                    hs256(secret, header, g.escalatedPayload())));
        });
        return forgeries.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tamperedPayloads")
    void aTamperedPayloadUnderTheOriginalSignatureIsRefused(String forgery) {
        assertRefusedAndGenuineUnharmed(forgery);
    }

    static Stream<Named<String>> tamperedPayloads() {
        Genuine g = Genuine.get();
        long exp = g.payload().get("exp").asLong();
        Map<String, JsonNode> payloads = new LinkedHashMap<>();
        payloads.put("sub of the admin", g.payloadWith(p -> p.put("sub", g.adminUserId())));
        payloads.put("roles [admin]", g.payloadWith(p -> p.set("roles", RotorClient.JSON.valueToTree(List.of("admin")))));
        payloads.put("sub and roles of the admin", g.escalatedPayload());
        payloads.put("exp a year later", g.payloadWith(p -> p.put("exp", exp + 365L * 24 * 3600)));
        payloads.put("another sid", g.payloadWith(p -> p.put("sid", UUID.randomUUID().toString())));
        payloads.put("amr with otp", g.payloadWith(p -> p.set("amr", RotorClient.JSON.valueToTree(List.of("pwd", "otp")))));
        payloads.put("an extra claim", g.payloadWith(p -> p.put("admin", true)));
        Stream<Named<String>> changed = payloads.entrySet().stream()
                .map(e -> Named.of(e.getKey(), compact(g.header(), e.getValue(), g.signature())));
        String respaced = g.token().substring(0, g.token().indexOf('.') + 1)
                + B64URL.encodeToString(g.payload().toPrettyString().getBytes(StandardCharsets.UTF_8))
                + "." + g.signature();
        return Stream.concat(changed, Stream.of(Named.of("the same claims re-serialised with spaces", respaced)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("foreignKeyIds")
    void aKeyIdThatIsNotRotorsIsRefused(String forgery) {
        assertRefusedAndGenuineUnharmed(forgery);
    }

    static Stream<Named<String>> foreignKeyIds() {
        Genuine g = Genuine.get();
        Map<String, Consumer<ObjectNode>> headers = new LinkedHashMap<>();
        headers.put("unknown kid", h -> h.put("kid", UUID.randomUUID().toString()));
        headers.put("kid ../../x", h -> h.put("kid", "../../x"));
        headers.put("kid ../../../../../../dev/null", h -> h.put("kid", "../../../../../../dev/null"));
        headers.put("kid ' or 1=1 --", h -> h.put("kid", "' or 1=1 --"));
        headers.put("kid of the attacker's key", h -> h.put("kid", g.attacker().getKeyID()));
        headers.put("empty kid", h -> h.put("kid", ""));
        headers.put("kid null", h -> h.putNull("kid"));
        headers.put("kid a number", h -> h.put("kid", 1));
        headers.put("no kid", h -> h.remove("kid"));
        List<Named<String>> forgeries = new ArrayList<>();
        headers.forEach((name, change) -> {
            forgeries.add(Named.of(name + ", signed by the attacker",
                    es256(g.attacker(), g.headerWith(change), g.escalatedPayload())));
            forgeries.add(Named.of(name + ", original signature",
                    compact(g.headerWith(change), g.payload(), g.signature())));
        });
        return forgeries.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attackerKeysInTheHeader")
    void keysNamedOrEmbeddedInTheHeaderAreNeverTrusted(String forgery) {
        assertRefusedAndGenuineUnharmed(forgery);
    }

    static Stream<Named<String>> attackerKeysInTheHeader() {
        Genuine g = Genuine.get();
        JsonNode attackerJwk = json(g.attacker().toPublicJWK().toJSONString());
        String serverKid = g.header().get("kid").asText();
        String attackerKid = g.attacker().getKeyID();
        Map<String, Consumer<ObjectNode>> headers = new LinkedHashMap<>();
        headers.put("embedded jwk, attacker's kid", h -> {
            h.set("jwk", attackerJwk);
            h.put("kid", attackerKid);
        });
        headers.put("embedded jwk, Rotor's kid", h -> h.set("jwk", attackerJwk));
        headers.put("embedded jwk, no kid", h -> {
            h.set("jwk", attackerJwk);
            h.remove("kid");
        });
        headers.put("jku elsewhere, attacker's kid", h -> {
            h.put("jku", ELSEWHERE);
            h.put("kid", attackerKid);
        });
        headers.put("jku elsewhere, Rotor's kid", h -> h.put("jku", ELSEWHERE));
        headers.put("x5u elsewhere, attacker's kid", h -> {
            h.put("x5u", ELSEWHERE);
            h.put("kid", attackerKid);
        });
        headers.put("x5u elsewhere, Rotor's kid", h -> h.put("x5u", ELSEWHERE));
        assertThat(serverKid).isNotEqualTo(attackerKid);
        return headers.entrySet().stream().map(e -> Named.of(e.getKey() + ", signed by the attacker",
                es256(g.attacker(), g.headerWith(e.getValue()), g.escalatedPayload())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("otherTypes")
    void aTypeOtherThanAtJwtIsRefused(String forgery) {
        assertRefusedAndGenuineUnharmed(forgery);
    }

    static Stream<Named<String>> otherTypes() {
        Genuine g = Genuine.get();
        Map<String, Consumer<ObjectNode>> headers = new LinkedHashMap<>();
        headers.put("typ JWT", h -> h.put("typ", "JWT"));
        headers.put("typ mfa+jwt", h -> h.put("typ", "mfa+jwt"));
        headers.put("no typ", h -> h.remove("typ"));
        List<Named<String>> forgeries = new ArrayList<>();
        headers.forEach((name, change) -> {
            forgeries.add(Named.of(name + ", original signature", compact(g.headerWith(change), g.payload(),
                    g.signature())));
            forgeries.add(Named.of(name + ", signed by the attacker",
                    es256(g.attacker(), g.headerWith(change.andThen(h -> h.put("kid", g.attacker().getKeyID()))),
                            g.payload())));
        });
        return forgeries.stream();
    }

    @Test
    void theHighSTwinOfTheGenuineSignatureIsRefused() {
        Genuine g = Genuine.get();
        byte[] signature = Base64.getUrlDecoder().decode(g.signature());
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, 32, 64));
        byte[] twin = concat(Arrays.copyOfRange(signature, 0, 32), unsigned32(P256_ORDER.subtract(s)));
        String forgery = g.token().substring(0, g.token().lastIndexOf('.') + 1) + B64URL.encodeToString(twin);

        assertThat(forgery).isNotEqualTo(g.token());
        assertRefusedAndGenuineUnharmed(forgery);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("truncations")
    void aTruncatedTokenIsRefused(String forgery) {
        assertRefusedAndGenuineUnharmed(forgery);
    }

    static Stream<Named<String>> truncations() {
        String token = Genuine.get().token();
        int firstDot = token.indexOf('.');
        int lastDot = token.lastIndexOf('.');
        Map<String, Integer> cuts = new LinkedHashMap<>();
        cuts.put("first character only", 1);
        cuts.put("inside the header", firstDot / 2);
        cuts.put("header without its dot", firstDot);
        cuts.put("header and its dot", firstDot + 1);
        cuts.put("inside the payload", (firstDot + lastDot) / 2);
        cuts.put("header and payload, no second dot", lastDot);
        cuts.put("inside the signature", lastDot + 1 + (token.length() - lastDot - 1) / 2);
        cuts.put("last character dropped", token.length() - 1);
        cuts.put("last two characters dropped", token.length() - 2);
        return cuts.entrySet().stream().map(e -> Named.of("cut: " + e.getKey(), token.substring(0, e.getValue())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("garbage")
    void garbageIsRefused(String forgery) {
        assertRefusedAndGenuineUnharmed(forgery);
    }

    static Stream<Named<String>> garbage() {
        Genuine g = Genuine.get();
        SecureRandom random = new SecureRandom();
        String token = g.token();
        String standardAlphabet = token.replace('-', '+').replace('_', '/');
        Stream<Named<String>> respelled = standardAlphabet.equals(token) ? Stream.empty()
                : Stream.of(Named.of("standard base64 instead of base64url", standardAlphabet));
        return Stream.concat(respelled, Stream.of(
                Named.of("random base64url", B64URL.encodeToString(randomBytes(random, 300))),
                Named.of("three random base64url segments", B64URL.encodeToString(randomBytes(random, 40)) + "."
                        + B64URL.encodeToString(randomBytes(random, 120)) + "."
                        + B64URL.encodeToString(randomBytes(random, 64))),
                Named.of("dots only", ".."),
                Named.of("a.b.c", "a.b.c"),
                Named.of("a fourth segment", token + ".AAAA"),
                Named.of("five segments (JWE shape)", token + ".AAAA.AAAA"),
                Named.of("padding added to the signature", token + "=="),
                Named.of("a spare bit of the signature's last character flipped", withSpareBitFlipped(token)),
                Named.of("JSON instead of base64url", "{\"alg\":\"none\"}." + g.payload() + "."),
                Named.of("the token twice", token + token),
                Named.of("space inside", token.substring(0, 20) + " " + token.substring(20))));
    }

    /** Sent byte for byte over a socket: what java.net.http would refuse to put in a header. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("rawGarbage")
    void oversizedAndNonAsciiTokensAreRefused(byte[] authorization) {
        RotorClient.Response response = rawGet("/api/v1/me", authorization);

        assertInvalidToken(response);
        assertThat(me(Genuine.get().token()).status()).isEqualTo(200);
    }

    static Stream<Named<byte[]>> rawGarbage() {
        Genuine g = Genuine.get();
        String token = g.token();
        String big = compact(g.header(), g.payloadWith(p -> p.put("pad", "A".repeat(9 * 1024))), g.signature());
        assertThat(big.length()).isGreaterThan(9 * 1024);
        return Stream.of(
                Named.of("9 KB token", bearer(big.getBytes(StandardCharsets.US_ASCII))),
                Named.of("non-ASCII (UTF-8) inside the token",
                        bearer((token.substring(0, 30) + "ü€" + token.substring(30)).getBytes(StandardCharsets.UTF_8))),
                Named.of("non-ASCII (Latin-1) appended",
                        bearer((token + "é").getBytes(StandardCharsets.ISO_8859_1))),
                Named.of("only non-ASCII", bearer("€€€.€€€.€€€".getBytes(StandardCharsets.UTF_8))));
    }

    /** The last character of an 86-character (64-byte) signature carries 4 bits that decode to nothing. */
    private static String withSpareBitFlipped(String token) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        assertThat(token.length() - token.lastIndexOf('.') - 1).isEqualTo(86);
        int last = alphabet.indexOf(token.charAt(token.length() - 1));
        return token.substring(0, token.length() - 1) + alphabet.charAt(last ^ 1);
    }

    private static void assertRefusedAndGenuineUnharmed(String forgery) {
        assertThat(forgery).isNotEqualTo(Genuine.get().token());
        assertInvalidToken(me(forgery));
        assertThat(me(Genuine.get().token()).status()).as("the genuine token still works").isEqualTo(200);
    }

    private static RotorClient.Response me(String token) {
        return SharedRotorServer.get().client().me(token);
    }

    private static String compact(JsonNode header, JsonNode payload, String signature) {
        return encode(header) + "." + encode(payload) + "." + signature;
    }

    private static String encode(JsonNode json) {
        return B64URL.encodeToString(json.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String hs256(byte[] secret, JsonNode header, JsonNode payload) {
        String signingInput = encode(header) + "." + encode(payload);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return signingInput + "." + B64URL.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signed with the attacker's own P-256 key, as a real ES256 signature. */
    private static String es256(ECKey key, JsonNode header, JsonNode payload) {
        String signingInput = encode(header) + "." + encode(payload);
        try {
            return signingInput + "." + new ECDSASigner(key).sign(new JWSHeader(JWSAlgorithm.ES256),
                    signingInput.getBytes(StandardCharsets.US_ASCII));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(String text) {
        try {
            return RotorClient.JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bearer(byte[] token) {
        return concat("Bearer ".getBytes(StandardCharsets.US_ASCII), token);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static byte[] unsigned32(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] fixed = new byte[32];
        int length = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - length, fixed, 32 - length, length);
        return fixed;
    }

    private static byte[] randomBytes(SecureRandom random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    /**
     * A GET with the Authorization value given as raw bytes, over HTTP/1.0 so that the answer comes
     * whole (no chunks) and the connection closes after it.
     */
    private static RotorClient.Response rawGet(String path, byte[] authorization) {
        int port = SharedRotorServer.get().port();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.0\r\nHost: localhost:" + port + "\r\nAuthorization: ")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(authorization);
            out.write("\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.UTF_8);
            int endOfHeaders = text.indexOf("\r\n\r\n");
            assertThat(endOfHeaders).as("an HTTP answer: %s", text).isPositive();
            String[] lines = text.substring(0, endOfHeaders).split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.computeIfAbsent(lines[i].substring(0, colon).strip(), k -> new ArrayList<>())
                        .add(lines[i].substring(colon + 1).strip());
            }
            return new RotorClient.Response(status, headers, text.substring(endOfHeaders + 4));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
