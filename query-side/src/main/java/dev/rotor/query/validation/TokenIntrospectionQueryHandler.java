package dev.rotor.query.validation;

import dev.rotor.kernel.session.RefreshTokens;
import dev.rotor.kernel.token.IntrospectTokenQuery;
import dev.rotor.kernel.token.TokenIntrospection;
import dev.rotor.query.session.CurrentRefreshTokenProjection;
import dev.rotor.query.session.SessionProjection;
import dev.rotor.query.session.SessionRow;
import dev.rotor.query.token.AccessTokenVerifier.VerifiedAccessToken;
import dev.rotor.query.token.TokenVerificationProperties;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.axonframework.queryhandling.QueryHandler;

/**
 * Token introspection (RFC 7662). An access token is judged by exactly the rule of {@code /me}; a
 * refresh token is active while it is its session's current one and the session passes the same
 * session rule. The refresh token's kind is told by its shape (a JWT has dots, a refresh token is 43
 * base64url characters), so a wrong {@code token_type_hint} changes nothing. Reads only: a refresh
 * token looked at here is not rotated, and a rotated-out one is not reuse.
 */
public class TokenIntrospectionQueryHandler {

    private final TokenValidationQueryHandler validation;
    private final CurrentRefreshTokenProjection refreshTokens;
    private final SessionProjection sessions;
    private final TokenVerificationProperties properties;
    private final Clock clock;

    public TokenIntrospectionQueryHandler(TokenValidationQueryHandler validation,
                                          CurrentRefreshTokenProjection refreshTokens, SessionProjection sessions,
                                          TokenVerificationProperties properties, Clock clock) {
        this.validation = validation;
        this.refreshTokens = refreshTokens;
        this.sessions = sessions;
        this.properties = properties;
        this.clock = clock;
    }

    @QueryHandler
    public TokenIntrospection handle(IntrospectTokenQuery query) {
        Instant now = clock.instant();
        String token = query.token();
        if (RefreshTokens.isWellFormed(token)) {
            return refreshToken(token, now);
        }
        TokenValidationQueryHandler.Checked checked = validation.check(token, now);
        if (!checked.response().valid()) {
            return TokenIntrospection.inactive();
        }
        VerifiedAccessToken access = checked.token();
        return new TokenIntrospection(true, TokenIntrospection.ACCESS_TOKEN, access.userId(), access.sessionId(),
                properties.issuer(), access.audience(), access.expiresAt(), access.issuedAt(), access.roles(),
                access.email(), access.amr());
    }

    private TokenIntrospection refreshToken(String token, Instant now) {
        SessionRow session = refreshTokens.sessionOf(RefreshTokens.hash(token))
                .flatMap(sessions::session)
                .orElse(null);
        if (session == null || validation.refusal(session, now) != null) {
            return TokenIntrospection.inactive();
        }
        Instant issuedAt = session.lastRefreshedAt() != null ? session.lastRefreshedAt() : session.createdAt();
        return new TokenIntrospection(true, TokenIntrospection.REFRESH_TOKEN, session.userId(), session.sessionId(),
                properties.issuer(), List.of(properties.audience()), session.refreshExpiresAt(), issuedAt,
                session.roles(), session.email(), session.amr());
    }
}
