package dev.rotor.app.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A plain HTTP client of the API, knowing only what API.md says. */
public final class RotorClient {

    public static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public RotorClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** An HTTP answer with its body parsed as JSON where it is JSON. */
    public record Response(int status, Map<String, List<String>> headers, String body) {

        public JsonNode json() {
            try {
                return body == null || body.isEmpty() ? JSON.nullNode() : JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        public String text(String field) {
            JsonNode node = json().get(field);
            return node == null || node.isNull() ? null : node.asText();
        }

        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream())
                    .findFirst()
                    .orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }
    }

    public static String json(Object... keyValues) {
        ObjectNode node = JSON.createObjectNode();
        for (int i = 0; i < keyValues.length; i += 2) {
            node.set((String) keyValues[i], JSON.valueToTree(keyValues[i + 1]));
        }
        return node.toString();
    }

    public Response get(String path, String bearer) {
        return send(request(path, bearer).GET());
    }

    /** A GET with its own {@code Accept} header. */
    public Response get(String path, String bearer, String accept) {
        return send(request(path, bearer).header("Accept", accept).GET());
    }

    public Response delete(String path, String bearer) {
        return send(request(path, bearer).DELETE());
    }

    public Response post(String path, String body, String bearer) {
        HttpRequest.Builder builder = request(path, bearer);
        builder.header("Content-Type", "application/json");
        builder.POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return send(builder);
    }

    public Response postRaw(String path, String contentType, byte[] body) {
        HttpRequest.Builder builder = request(path, null);
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        builder.POST(HttpRequest.BodyPublishers.ofByteArray(body));
        return send(builder);
    }

    /** A form-encoded POST ({@code application/x-www-form-urlencoded}), as OAuth endpoints take. */
    public Response postForm(String path, Map<String, String> form, String bearer) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder builder = request(path, bearer);
        builder.header("Content-Type", "application/x-www-form-urlencoded");
        builder.POST(HttpRequest.BodyPublishers.ofString(body));
        return send(builder);
    }

    // The API tour, as a client would script it.

    public Response login(String email, String password) {
        return post("/api/v1/auth/login", json("email", email, "password", password), null);
    }

    public Response refresh(String refreshToken) {
        return post("/api/v1/auth/token/refresh", json("refresh_token", refreshToken), null);
    }

    public Response me(String accessToken) {
        return get("/api/v1/me", accessToken);
    }

    public Response logout(String accessToken) {
        return post("/api/v1/auth/logout", null, accessToken);
    }

    public Response revoke(String token) {
        return postForm("/api/v1/oauth/revoke", Map.of("token", token), null);
    }

    public Response introspect(String token, String callerAccessToken) {
        return postForm("/api/v1/oauth/introspect", Map.of("token", token), callerAccessToken);
    }

    /** Logs in as the bootstrap admin and answers the access token. */
    public String adminToken() {
        Response login = login(RotorServer.ADMIN_EMAIL, RotorServer.ADMIN_PASSWORD);
        if (login.status() != 200) {
            throw new IllegalStateException("admin login failed: " + login);
        }
        return login.text("access_token");
    }

    /** Creates a user through the admin API and answers its id. */
    public String createUser(String adminToken, String email, String password, List<String> roles) {
        Response created = post("/api/v1/admin/users", json("email", email, "password", password, "roles", roles),
                adminToken);
        if (created.status() != 201) {
            throw new IllegalStateException("user creation failed: " + created);
        }
        return created.text("user_id");
    }

    private HttpRequest.Builder request(String path, String bearer) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        return builder;
    }

    private Response send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
