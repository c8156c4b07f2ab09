package dev.rotor.app.e2e;

import static dev.rotor.app.e2e.E2eSupport.PASSWORD;
import static dev.rotor.app.e2e.E2eSupport.assertInvalidToken;
import static dev.rotor.app.e2e.E2eSupport.assertNoStackTrace;
import static dev.rotor.app.e2e.E2eSupport.assertProblem;
import static dev.rotor.app.e2e.E2eSupport.assertProblemShape;
import static dev.rotor.app.e2e.E2eSupport.login;
import static dev.rotor.app.e2e.E2eSupport.newUser;
import static dev.rotor.app.e2e.E2eSupport.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Proves that bad input and bad credentials get clean 4xx problem+json answers: right code, field named, no 5xx, no stack trace, no echoed secret. */
class BadInputE2ETest {

    private static final String LOGIN = "/api/v1/auth/login";
    private static final String REFRESH = "/api/v1/auth/token/refresh";
    private static final String CREATE_USER = "/api/v1/admin/users";
    private static final int TWO_MB = 2 * 1024 * 1024;

    private static RotorServer server;
    private static RotorClient client;
    private static String adminToken;

    @BeforeAll
    static void useSharedServer() {
        server = SharedRotorServer.get();
        client = server.client();
        adminToken = client.adminToken();
    }

    /**
     * One bad request. {@code status} null means any 4xx; {@code fields} non-empty means the answer
     * must name one of them in {@code field} or {@code detail}.
     */
    record Case(String name, String path, String contentType, byte[] body, boolean chunked, Integer status,
                String code, Set<String> fields, String secret) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> badBodies() {
        List<Case> cases = new ArrayList<>();
        for (String path : List.of(LOGIN, REFRESH, CREATE_USER)) {
            String secret = "Pw-" + UUID.randomUUID();
            String email = uniqueEmail();
            String valid = switch (path) {
                case LOGIN -> RotorClient.json("email", email, "password", secret);
                case REFRESH -> RotorClient.json("refresh_token", secret);
                default -> RotorClient.json("email", email, "password", secret, "roles", List.of("user"));
            };
            cases.add(invalid(path, "malformed JSON", "{\"email\":", Set.of(), secret));
            cases.add(invalid(path, "truncated JSON with secret", valid.substring(0, valid.length() - 2), Set.of(),
                    secret));
            cases.add(invalid(path, "JSON array", "[" + valid + "]", Set.of(), secret));
            cases.add(invalid(path, "JSON null", "null", Set.of(), secret));
            cases.add(invalid(path, "trailing garbage", valid + "}", Set.of(), secret));
            switch (path) {
                case LOGIN -> {
                    cases.add(invalid(path, "empty object", "{}", Set.of("email", "password"), secret));
                    cases.add(invalid(path, "missing password", RotorClient.json("email", email),
                            Set.of("password"), secret));
                    cases.add(invalid(path, "missing email", RotorClient.json("password", secret),
                            Set.of("email"), secret));
                    cases.add(invalid(path, "password as number",
                            "{\"email\":\"" + email + "\",\"password\":123456789012345}", Set.of("password"), secret));
                    cases.add(invalid(path, "email as object",
                            "{\"email\":{\"x\":1},\"password\":\"" + secret + "\"}", Set.of("email"), secret));
                    cases.add(invalid(path, "password as array",
                            "{\"email\":\"" + email + "\",\"password\":[\"" + secret + "\"]}", Set.of("password"),
                            secret));
                    cases.add(invalid(path, "email null",
                            "{\"email\":null,\"password\":\"" + secret + "\"}", Set.of("email"), secret));
                }
                case REFRESH -> {
                    cases.add(invalid(path, "empty object", "{}", Set.of("refresh_token"), secret));
                    cases.add(invalid(path, "camelCase field only",
                            "{\"refreshToken\":\"" + secret + "\"}", Set.of("refresh_token"), secret));
                    cases.add(invalid(path, "refresh_token as number", "{\"refresh_token\":12345}",
                            Set.of("refresh_token"), secret));
                    cases.add(invalid(path, "refresh_token as object", "{\"refresh_token\":{\"t\":\"" + secret + "\"}}",
                            Set.of("refresh_token"), secret));
                    cases.add(invalid(path, "refresh_token as boolean", "{\"refresh_token\":true}",
                            Set.of("refresh_token"), secret));
                }
                default -> {
                    cases.add(invalid(path, "empty object", "{}", Set.of("email", "password"), secret));
                    cases.add(invalid(path, "missing password",
                            "{\"email\":\"" + email + "\",\"roles\":[\"user\"]}", Set.of("password"), secret));
                    cases.add(invalid(path, "password as number",
                            "{\"email\":\"" + email + "\",\"password\":123456789012345,\"roles\":[\"user\"]}",
                            Set.of("password"), secret));
                    cases.add(invalid(path, "roles as string",
                            "{\"email\":\"" + email + "\",\"password\":\"" + secret + "\",\"roles\":\"admin\"}",
                            Set.of("roles"), secret));
                    cases.add(invalid(path, "roles with a number",
                            "{\"email\":\"" + email + "\",\"password\":\"" + secret + "\",\"roles\":[1]}",
                            Set.of("roles", "roles[0]"), secret));
                    cases.add(invalid(path, "email as object",
                            "{\"email\":{\"x\":1},\"password\":\"" + secret + "\",\"roles\":[\"user\"]}",
                            Set.of("email"), secret));
                    cases.add(invalid(path, "password too short",
                            "{\"email\":\"" + email + "\",\"password\":\"Xq7-Pw9z\",\"roles\":[\"user\"]}",
                            Set.of("password"), "Xq7-Pw9z"));
                    cases.add(invalid(path, "email not an address",
                            "{\"email\":\"not-an-email\",\"password\":\"" + secret + "\",\"roles\":[\"user\"]}",
                            Set.of("email"), secret));
                }
            }
            // any 4xx for these
            byte[] validBytes = valid.getBytes(StandardCharsets.UTF_8);
            cases.add(new Case(path + " empty body", path, "application/json", new byte[0], false, null, null,
                    Set.of(), secret));
            cases.add(new Case(path + " no content type", path, null, validBytes, false, null, null, Set.of(),
                    secret));
            cases.add(new Case(path + " text/plain", path, "text/plain", validBytes, false, null, null, Set.of(),
                    secret));
            cases.add(new Case(path + " form encoded", path, "application/x-www-form-urlencoded",
                    ("email=" + email + "&password=" + secret).getBytes(StandardCharsets.UTF_8), false, null, null,
                    Set.of(), secret));
            byte[] huge = hugeBody(path, email, secret);
            cases.add(new Case(path + " 2 MB with Content-Length", path, "application/json", huge, false, null, null,
                    Set.of(), secret));
            cases.add(new Case(path + " 2 MB chunked", path, "application/json", huge, true, null, null, Set.of(),
                    secret));
        }
        return cases.stream().map(Arguments::of);
    }

    private static Case invalid(String path, String name, String body, Set<String> fields, String secret) {
        return new Case(path + " " + name, path, "application/json", body.getBytes(StandardCharsets.UTF_8), false, 400,
                "invalid_request", fields, secret);
    }

    /** A syntactically valid JSON body of exactly 2 MiB whose secret field is huge. */
    private static byte[] hugeBody(String path, String email, String secret) {
        String prefix = switch (path) {
            case LOGIN -> "{\"email\":\"" + email + "\",\"password\":\"";
            case REFRESH -> "{\"refresh_token\":\"";
            default -> "{\"email\":\"" + email + "\",\"roles\":[\"user\"],\"password\":\"";
        };
        String suffix = "\"}";
        StringBuilder value = new StringBuilder(TWO_MB);
        while (prefix.length() + value.length() + suffix.length() < TWO_MB) {
            value.append(secret);
        }
        value.setLength(TWO_MB - prefix.length() - suffix.length());
        byte[] bytes = (prefix + value + suffix).getBytes(StandardCharsets.UTF_8);
        assertThat(bytes).hasSize(TWO_MB);
        return bytes;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBodies")
    void badBodyGetsACleanProblem(Case c) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (c.contentType() != null) {
            headers.put("Content-Type", c.contentType());
        }
        if (c.path().equals(CREATE_USER)) {
            headers.put("Authorization", "Bearer " + adminToken);
        }
        HttpRequest.BodyPublisher body = c.chunked() ? E2eSupport.chunked(c.body())
                : HttpRequest.BodyPublishers.ofByteArray(c.body());
        RotorClient.Response response = E2eSupport.send(server.baseUrl(), "POST", c.path(), headers, body);

        assertThat(response.status()).as("%s answered %s", c, response.body()).isBetween(400, 499);
        if (c.status() != null) {
            assertThat(response.status()).as("%s answered %s", c, response.body()).isEqualTo(c.status());
        }
        assertProblemShape(response);
        if (c.code() != null) {
            assertThat(response.text("code")).as("%s answered %s", c, response.body()).isEqualTo(c.code());
        }
        if (!c.fields().isEmpty()) {
            String field = response.text("field");
            String detail = response.text("detail");
            assertThat(c.fields().stream().anyMatch(f -> f.equals(field) || (detail != null && detail.contains(f))))
                    .as("%s names one of %s: %s", c, c.fields(), response.body()).isTrue();
        }
        assertThat(response.body()).as("%s must not echo the secret", c).doesNotContain(c.secret());
        assertNoStackTrace(response);
    }

    @Test
    void aWellFormedRefreshTokenThatWasNeverIssuedIsAnInvalidGrant() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String neverIssued = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        assertThat(neverIssued).hasSize(43);

        RotorClient.Response response = client.refresh(neverIssued);
        assertProblem(response, 401, "invalid_grant");
        assertThat(response.body()).doesNotContain(neverIssued);
    }

    @ParameterizedTest
    @ValueSource(strings = {"short", "0123456789012345678901234567890123456789012",
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+/", " ",
            ""})
    void aRefreshTokenOfTheWrongShapeIsRefusedCleanly(String token) {
        RotorClient.Response response = client.refresh(token);
        assertThat(response.status()).as("%s", response.body()).isIn(400, 401);
        assertProblemShape(response);
        assertThat(response.text("code")).isEqualTo(response.status() == 401 ? "invalid_grant" : "invalid_request");
    }

    @Test
    void aVeryLongRefreshTokenIsRefusedCleanly() {
        String token = "A".repeat(5000);
        RotorClient.Response response = client.refresh(token);
        assertThat(response.status()).as("%s", response.body()).isIn(400, 401);
        assertProblemShape(response);
        assertThat(response.text("code")).isEqualTo(response.status() == 401 ? "invalid_grant" : "invalid_request");
        assertThat(response.body()).doesNotContain(token);
    }

    @Test
    void protectedEndpointsRefuseMissingMalformedTamperedAndNonBearerCredentials() {
        String email = uniqueEmail();
        newUser(client, email);
        JsonNode login = login(client, email, PASSWORD);
        String genuine = login.get("access_token").asText();
        String tampered = E2eSupport.tamperSignature(genuine);
        assertThat(tampered).isNotEqualTo(genuine);
        assertThat(client.me(genuine).status()).as("control: the genuine token works").isEqualTo(200);

        List<Map<String, String>> badHeaders = new ArrayList<>();
        badHeaders.add(Map.of());
        badHeaders.add(Map.of("Authorization", "Bearer garbage"));
        badHeaders.add(Map.of("Authorization", "Bearer " + tampered));
        badHeaders.add(Map.of("Authorization", "Basic xxx"));
        badHeaders.add(Map.of("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((email + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8))));
        badHeaders.add(Map.of("Authorization", "Bearer"));
        badHeaders.add(Map.of("Authorization", "Bearer "));
        badHeaders.add(Map.of("Authorization", genuine));
        badHeaders.add(Map.of("Authorization", "Bearer a.b.c"));
        badHeaders.add(Map.of("Authorization", "Bearer " + unsignedVariantOf(genuine)));

        List<String[]> endpoints = List.of(
                new String[] {"GET", "/api/v1/me"},
                new String[] {"GET", "/api/v1/me/sessions"},
                new String[] {"POST", "/api/v1/auth/logout"},
                new String[] {"POST", "/api/v1/admin/users"});
        for (String[] endpoint : endpoints) {
            for (Map<String, String> headers : badHeaders) {
                Map<String, String> all = new LinkedHashMap<>(headers);
                HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();
                if (endpoint[1].equals("/api/v1/admin/users")) {
                    all.put("Content-Type", "application/json");
                    body = HttpRequest.BodyPublishers.ofString(RotorClient.json("email", uniqueEmail(),
                            "password", PASSWORD, "roles", List.of("admin")));
                }
                RotorClient.Response response = E2eSupport.send(server.baseUrl(), endpoint[0], endpoint[1], all, body);
                assertInvalidToken(response);
                assertThat(response.body()).doesNotContain(PASSWORD);
            }
        }
        // none of that disturbed the genuine session
        assertThat(client.me(genuine).status()).isEqualTo(200);
    }

    /** The same header and claims with alg "none" and no signature: must never be accepted. */
    private static String unsignedVariantOf(String jwt) {
        String[] parts = jwt.split("\\.");
        String header = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"at+jwt\"}".getBytes(StandardCharsets.UTF_8));
        return header + "." + parts[1] + ".";
    }
}
