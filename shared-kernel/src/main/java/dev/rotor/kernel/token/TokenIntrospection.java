package dev.rotor.kernel.token;

import java.time.Instant;
import java.util.List;

/**
 * Answer to {@link IntrospectTokenQuery}. An inactive token says nothing more (RFC 7662 2.2), so
 * that introspection never tells why a token failed.
 */
public record TokenIntrospection(boolean active, String tokenType, String subject, String sessionId, String issuer,
                                 List<String> audience, Instant expiresAt, Instant issuedAt, List<String> roles,
                                 String email, List<String> amr) {

    public static final String ACCESS_TOKEN = "access_token";
    public static final String REFRESH_TOKEN = "refresh_token";

    public static TokenIntrospection inactive() {
        return new TokenIntrospection(false, null, null, null, null, null, null, null, null, null, null);
    }
}
