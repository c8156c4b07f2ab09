package dev.rotor.resourceserver;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;

/**
 * What a Spring Boot 4 resource server needs, besides {@code issuer-uri}, to accept Rotor's access
 * tokens: Spring Security 7 checks the JOSE {@code typ} header and accepts only {@code JWT} by
 * default, while Rotor's tokens are {@code at+jwt} (RFC 9068). Boot adds every
 * {@code OAuth2TokenValidator<Jwt>} bean to the decoder's validators, and a {@link JwtTypeValidator}
 * among them replaces the default one, so this bean accepts {@code at+jwt} and still refuses every
 * other type (and a missing one).
 */
@Configuration(proxyBeanMethods = false)
public class AcceptRotorAccessTokens {

    @Bean
    JwtTypeValidator rotorAccessTokenType() {
        return new JwtTypeValidator("at+jwt");
    }
}
