package dev.rotor.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** The OpenAPI description and Swagger UI, served without a token, describing every endpoint. */
class ApiDocsE2ETest {

    /** API.md's endpoints that exist in this build, as {@code METHOD path}. */
    private static final List<String> API_MD_ENDPOINTS = List.of(
            "POST /api/v1/auth/login",
            "POST /api/v1/auth/login/mfa",
            "POST /api/v1/auth/token/refresh",
            "POST /api/v1/auth/logout",
            "GET /api/v1/me",
            "GET /.well-known/jwks.json",
            "GET /.well-known/openid-configuration",
            "POST /api/v1/oauth/revoke",
            "POST /api/v1/oauth/introspect",
            "GET /api/v1/me/sessions",
            "DELETE /api/v1/me/sessions/{session_id}",
            "POST /api/v1/me/logout-all",
            "POST /api/v1/me/password",
            "POST /api/v1/me/mfa/totp",
            "POST /api/v1/me/mfa/totp/confirm",
            "POST /api/v1/me/mfa/disable",
            "POST /api/v1/admin/users",
            "POST /api/v1/admin/rotations/global",
            "POST /api/v1/admin/rotations/users/{user_id}",
            "GET /api/v1/admin/users/{user_id}/sessions",
            "DELETE /api/v1/admin/sessions/{session_id}",
            "GET /api/v1/admin/users/{user_id}",
            "POST /api/v1/admin/users/{user_id}/unlock",
            "POST /api/v1/admin/users/{user_id}/mfa/reset",
            "GET /api/v1/admin/audit",
            "GET /api/v1/admin/audit/sessions/{session_id}",
            "GET /api/v1/admin/projections",
            "POST /api/v1/admin/projections/{name}/rebuild",
            "GET /api/v1/admin/keys",
            "POST /api/v1/admin/keys/rotate");

    private static RotorServer server;
    private static JsonNode apiDocs;

    @BeforeAll
    static void readTheDescription() {
        server = SharedRotorServer.get();
        RotorClient.Response docs = server.client().get("/v3/api-docs", null);
        assertThat(docs.status()).as(docs.body()).isEqualTo(200);
        apiDocs = docs.json();
    }

    @Test
    void describesEveryEndpointOfTheContractWithItsBodies() {
        for (String endpoint : API_MD_ENDPOINTS) {
            JsonNode operation = operation(endpoint.split(" ")[0], endpoint.split(" ")[1]);
            assertThat(operation).as(endpoint + " in /v3/api-docs").isNotNull();
            assertThat(operation.path("summary").asText()).as(endpoint).isNotBlank();
        }
        JsonNode login = operation("POST", "/api/v1/auth/login");
        assertThat(login.at("/requestBody/content/application~1json/schema").isMissingNode()).isFalse();
        assertThat(schemaOf(login.at("/responses/200/content"))).contains("TokenResponse", "MfaChallenge");
        JsonNode tokenResponse = apiDocs.at("/components/schemas/TokenResponse/properties");
        assertThat(tokenResponse.has("access_token")).as(tokenResponse.toString()).isTrue();
        assertThat(tokenResponse.has("refresh_expires_at")).isTrue();
        JsonNode refreshRequest = apiDocs.at("/components/schemas/RefreshRequest/properties");
        assertThat(refreshRequest.has("refresh_token")).as(refreshRequest.toString()).isTrue();
    }

    @Test
    void errorsAreProblemJsonWithTheirCodesAndProtectedEndpointsTakeABearerToken() {
        JsonNode scheme = apiDocs.at("/components/securitySchemes/bearer");
        assertThat(scheme.path("type").asText()).isEqualTo("http");
        assertThat(scheme.path("scheme").asText()).isEqualTo("bearer");
        JsonNode problem = apiDocs.at("/components/schemas/Problem/properties");
        assertThat(problem.has("code") && problem.has("type") && problem.has("status")).as(problem.toString()).isTrue();

        JsonNode login = operation("POST", "/api/v1/auth/login");
        assertThat(login.has("security")).as("login is public").isFalse();
        assertProblemResponse(login, "401", "invalid_credentials");
        assertProblemResponse(login, "429", "too_many_attempts");
        assertProblemResponse(login, "400", "invalid_request");

        JsonNode me = operation("GET", "/api/v1/me");
        assertThat(me.at("/security/0").has("bearer")).as(me.toString()).isTrue();
        assertProblemResponse(me, "401", "invalid_token");

        JsonNode createUser = operation("POST", "/api/v1/admin/users");
        assertThat(createUser.at("/security/0").has("bearer")).isTrue();
        assertProblemResponse(createUser, "403", "forbidden");
        assertProblemResponse(createUser, "409", "email_taken");

        JsonNode revoke = operation("DELETE", "/api/v1/admin/sessions/{session_id}");
        assertProblemResponse(revoke, "404", "not_found");
        assertThat(revoke.at("/responses/400").isMissingNode()).as("a path id that names nothing is 404, not 400")
                .isTrue();

        JsonNode audit = operation("GET", "/api/v1/admin/audit");
        assertThat(audit.at("/responses/200/content").has("application/json")).as(audit.toString()).isTrue();
        assertThat(audit.at("/responses/200/content").has("application/x-ndjson")).isTrue();
    }

    /**
     * Generic: every endpoint the server routes to appears in the description with a summary. A
     * new endpoint without {@code @Operation} fails here until it is described.
     */
    @Test
    void everyEndpointTheServerRoutesIsDescribed() {
        RequestMappingHandlerMapping mappings = server.context()
                .getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
        List<String> undescribed = new ArrayList<>();
        int checked = 0;
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mappings.getHandlerMethods().entrySet()) {
            Class<?> controller = entry.getValue().getBeanType();
            if (controller.getName().startsWith("org.springdoc.") || ErrorController.class.isAssignableFrom(controller)) {
                continue;
            }
            RequestMappingInfo info = entry.getKey();
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String path : info.getPatternValues()) {
                if (methods.isEmpty()) {
                    undescribed.add("any method " + path + " (" + entry.getValue() + "): name its HTTP method");
                }
                for (RequestMethod method : methods) {
                    checked++;
                    JsonNode operation = operation(method.name(), path);
                    if (operation == null || operation.path("summary").asText().isBlank()) {
                        undescribed.add(method + " " + path + " (" + entry.getValue() + ")");
                    }
                }
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(API_MD_ENDPOINTS.size());
        assertThat(undescribed).as("endpoints without an @Operation summary in /v3/api-docs").isEmpty();
    }

    @Test
    void swaggerUiIsServedWithoutAToken() {
        RotorClient.Response ui = server.client().get("/swagger-ui/index.html", null);
        assertThat(ui.status()).isEqualTo(200);
        assertThat(ui.body()).containsIgnoringCase("swagger-ui");
    }

    private static void assertProblemResponse(JsonNode operation, String status, String code) {
        JsonNode response = operation.at("/responses/" + status);
        assertThat(response.isMissingNode()).as(status + " in " + operation).isFalse();
        assertThat(response.path("description").asText()).contains(code);
        assertThat(response.at("/content/application~1problem+json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/Problem");
    }

    private static String schemaOf(JsonNode content) {
        return content.toString();
    }

    /** The operation at {@code method path}, path variables matched whatever their names; null when absent. */
    private static JsonNode operation(String method, String path) {
        String wanted = anyVariable(path);
        var paths = apiDocs.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> documented = paths.next();
            if (anyVariable(documented.getKey()).equals(wanted)) {
                JsonNode operation = documented.getValue().get(method.toLowerCase(Locale.ROOT));
                if (operation != null) {
                    return operation;
                }
            }
        }
        return null;
    }

    private static String anyVariable(String path) {
        return path.replaceAll("\\{[^}]*}", "{}");
    }
}
