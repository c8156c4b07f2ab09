package dev.rotor.app.web;

import dev.rotor.kernel.common.ErrorCode;
import dev.rotor.kernel.token.TokenValidationResponse.AuthenticatedCaller;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Arrays;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description at {@code /v3/api-docs} (Swagger UI at {@code /swagger-ui/index.html}).
 * Each endpoint describes itself and its own refusals ({@code @Operation}, {@code @ApiResponse});
 * what every endpoint shares is added here, from the rules that enforce it: the bearer scheme and
 * {@code 401 invalid_token} on the paths {@link BearerTokenFilter} protects, {@code 403 forbidden}
 * on its admin paths, {@code 400 invalid_request} where there is a body or a query,
 * {@code 404 not_found} where the path names something, and every error answer as
 * {@code application/problem+json} ({@link Problems}).
 */
@Configuration(proxyBeanMethods = false)
public class ApiDocumentation {

    static final String BEARER = "bearer";
    static final String PROBLEM = "Problem";

    static {
        // The caller is put on the request by the bearer filter: not a parameter a client sends.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(AuthenticatedCaller.class);
    }

    @Bean
    OpenAPI rotorOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Rotor").version("v1")
                        .description("Event-sourced authentication token service: login, rotating refresh tokens "
                                + "with reuse detection, access-token validation, session and token-version "
                                + "revocation, audit. Every error is application/problem+json with a stable code."))
                .components(new Components()
                        .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").bearerFormat("JWT")
                                .description("An access token (ES256 JWT, typ at+jwt) from login or refresh")));
    }

    @Bean
    OpenApiCustomizer sharedAnswers() {
        return openApi -> {
            // Here rather than on the OpenAPI bean: springdoc rebuilds the schemas from the endpoints.
            if (openApi.getComponents() == null) {
                openApi.setComponents(new Components());
            }
            openApi.getComponents().addSchemas(PROBLEM, problemSchema());
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().forEach((path, item) -> item.readOperationsMap()
                    .forEach((method, operation) -> describeShared(path, method, operation)));
        };
    }

    private static void describeShared(String path, PathItem.HttpMethod method, Operation operation) {
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        operation.setResponses(responses);
        List<Parameter> parameters = operation.getParameters() == null ? List.of() : operation.getParameters();
        if (operation.getRequestBody() != null || parameters.stream().anyMatch(p -> "query".equals(p.getIn()))) {
            addIfAbsent(responses, ErrorCode.INVALID_REQUEST,
                    "invalid_request: malformed JSON, a missing, oversize or wrongly typed field (named in field)");
        }
        if (parameters.stream().anyMatch(p -> "path".equals(p.getIn()))) {
            addIfAbsent(responses, ErrorCode.NOT_FOUND, "not_found: the id in the path names nothing");
        }
        if (BearerTokenFilter.isProtected(path)) {
            operation.addSecurityItem(new SecurityRequirement().addList(BEARER));
            addIfAbsent(responses, ErrorCode.INVALID_TOKEN,
                    "invalid_token: the bearer token is missing, malformed, expired, revoked or rotated out");
        }
        if (BearerTokenFilter.isAdmin(path)) {
            addIfAbsent(responses, ErrorCode.FORBIDDEN, "forbidden: the token has no role admin");
        }
        // An error answer is a problem document, whatever the endpoint's success type is.
        responses.forEach((status, response) -> {
            if (isError(status)) {
                response.setContent(new Content().addMediaType(Problems.PROBLEM_JSON.toString(),
                        new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
            }
        });
    }

    private static void addIfAbsent(ApiResponses responses, ErrorCode code, String description) {
        String status = Integer.toString(code.status());
        if (!responses.containsKey(status)) {
            responses.addApiResponse(status, new ApiResponse().description(description));
        }
    }

    private static boolean isError(String status) {
        return status.length() == 3 && (status.charAt(0) == '4' || status.charAt(0) == '5');
    }

    /** The body {@link Problems} writes: RFC 9457 plus Rotor's {@code code} (and the offending {@code field}). */
    @SuppressWarnings("rawtypes")
    private static Schema problemSchema() {
        List<String> codes = Arrays.stream(ErrorCode.values()).map(ErrorCode::code).toList();
        return new ObjectSchema()
                .description("RFC 9457 problem details with Rotor's stable machine code")
                .addProperty("type", new StringSchema().description(Problems.TYPE_BASE + "<code>"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema().description("the HTTP status"))
                .addProperty("detail", new StringSchema())
                .addProperty("code", new StringSchema()._enum(codes).description("stable machine code"))
                .addProperty("field", new StringSchema().description("the offending field, for invalid_request"))
                .required(List.of("type", "title", "status", "detail", "code"));
    }
}
