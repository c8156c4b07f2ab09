package dev.rotor.resourceserver;

import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.security.oauth2.server.resource.introspection.RestClientOpaqueTokenIntrospector;
import org.springframework.web.client.RestClient;

/**
 * Opaque-token introspection against Rotor: every request's token is asked about at Rotor, so a
 * logout is refused at once. Rotor's introspection endpoint takes a Bearer token of a caller with
 * role {@code introspector} (or {@code admin}), not Spring's default client id and secret, so the
 * introspector's client adds that header; and only access tokens are accepted as bearer tokens
 * (Rotor also reports its refresh tokens as active, with {@code token_type: refresh_token}).
 */
@Configuration(proxyBeanMethods = false)
public class IntrospectWithRotor {

    @Bean
    OpaqueTokenIntrospector rotorIntrospector(@Value("${rotor.introspection-uri}") String introspectionUri,
                                              @Value("${rotor.introspector-token}") String introspectorToken) {
        // A real service would log in as its introspector account and refresh this token as it expires.
        Supplier<String> callerToken = () -> introspectorToken;
        RestClient rotor = RestClient.builder()
                .requestInterceptor((request, body, execution) -> {
                    request.getHeaders().setBearerAuth(callerToken.get());
                    return execution.execute(request, body);
                })
                .build();
        OpaqueTokenIntrospector introspector = new RestClientOpaqueTokenIntrospector(introspectionUri, rotor);
        return token -> {
            OAuth2AuthenticatedPrincipal principal = introspector.introspect(token);
            if (!"access_token".equals(principal.getAttribute("token_type"))) {
                throw new BadOpaqueTokenException("not an access token");
            }
            return principal;
        };
    }
}
