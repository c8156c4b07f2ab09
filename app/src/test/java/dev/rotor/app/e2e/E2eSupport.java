package dev.rotor.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/** Small helpers shared by the end-to-end tests of this package: raw HTTP, JWT decoding, problem checks. */
final class E2eSupport {

    static final String PASSWORD = "correct-horse-battery-staple";

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private E2eSupport() {
    }

    static String uniqueEmail() {
        return "u-" + UUID.randomUUID() + "@example.com";
    }

    /** A fresh user with role {@code user} created by the bootstrap admin; answers its id. */
    static String newUser(RotorClient client, String email) {
        return client.createUser(client.adminToken(), email, PASSWORD, List.of("user"));
    }

    /** Logs a user in and answers the TokenResponse, failing the test on anything but 200. */
    static JsonNode login(RotorClient client, String email, String password) {
        RotorClient.Response login = client.login(email, password);
        assertThat(login.status()).as("login of %s: %s", email, login.body()).isEqualTo(200);
        return login.json();
    }

    /**
     * Sends a request exactly as given: any Authorization value (not only Bearer), any content type,
     * any body publisher (e.g. {@code ofInputStream} for a chunked body). Always HTTP/1.1.
     */
    static RotorClient.Response send(String baseUrl, String method, String path, Map<String, String> headers,
                                     HttpRequest.BodyPublisher body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
        headers.forEach(builder::header);
        builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body);
        try {
            HttpResponse<String> response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new RotorClient.Response(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed on the client side", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A body publisher without a known length, so that java.net.http sends it chunked. */
    static HttpRequest.BodyPublisher chunked(byte[] bytes) {
        Supplier<InputStream> stream = () -> new java.io.ByteArrayInputStream(bytes);
        return HttpRequest.BodyPublishers.ofInputStream(stream);
    }

    static JsonNode jwtPart(String jwt, int index) {
        String[] parts = jwt.split("\\.");
        assertThat(parts).as("compact JWS has three parts").hasSize(3);
        String decoded = new String(Base64.getUrlDecoder().decode(parts[index]), StandardCharsets.UTF_8);
        try {
            return RotorClient.JSON.readTree(decoded);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Flips one character in the middle of the signature segment, keeping it valid base64url. */
    static String tamperSignature(String jwt) {
        int lastDot = jwt.lastIndexOf('.');
        int at = lastDot + 1 + (jwt.length() - lastDot - 1) / 2;
        char c = jwt.charAt(at);
        char flipped = c == 'A' ? 'B' : 'A';
        return jwt.substring(0, at) + flipped + jwt.substring(at + 1);
    }

    static boolean isUuid(String text) {
        if (text == null) {
            return false;
        }
        try {
            return UUID.fromString(text).toString().equalsIgnoreCase(text);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Asserts an RFC 9457 problem answer with Rotor's stable code. */
    static void assertProblem(RotorClient.Response response, int status, String code) {
        assertThat(response.status()).as("status of %s", response.body()).isEqualTo(status);
        assertProblemShape(response);
        assertThat(response.text("code")).as("code of %s", response.body()).isEqualTo(code);
    }

    /** Asserts the shape every error shares: problem+json with type, title, status, detail and code. */
    static void assertProblemShape(RotorClient.Response response) {
        assertThat(response.contentType()).as("content type of %s %s", response.status(), response.body())
                .startsWith("application/problem+json");
        JsonNode body = response.json();
        assertThat(body.isObject()).as("problem body is an object: %s", response.body()).isTrue();
        for (String field : List.of("type", "title", "status", "detail", "code")) {
            assertThat(body.hasNonNull(field)).as("problem has %s: %s", field, response.body()).isTrue();
        }
        assertThat(body.get("status").asInt()).as("problem status equals HTTP status").isEqualTo(response.status());
        assertThat(body.get("type").asText()).as("problem type names its code")
                .isEqualTo("urn:rotor:problem:" + body.get("code").asText());
        assertNoStackTrace(response);
    }

    static void assertNoStackTrace(RotorClient.Response response) {
        String body = response.body() == null ? "" : response.body();
        assertThat(body).doesNotContain("Exception").doesNotContain("at dev.rotor").doesNotContain("at org.");
    }

    static void assertInvalidToken(RotorClient.Response response) {
        assertProblem(response, 401, "invalid_token");
        assertThat(response.header("WWW-Authenticate")).as("WWW-Authenticate").isNotNull()
                .startsWith("Bearer").contains("error=\"invalid_token\"");
    }
}
