package dev.rotor.query.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.rotor.kernel.readmodel.Generation;
import dev.rotor.kernel.session.RefreshTokenRotatedEvent;
import dev.rotor.kernel.session.RefreshTokens;
import dev.rotor.kernel.session.SessionIssuedEvent;
import dev.rotor.kernel.session.SessionRevokedEvent;
import dev.rotor.kernel.token.IntrospectTokenQuery;
import dev.rotor.kernel.token.RotationScope;
import dev.rotor.kernel.token.TokenIntrospection;
import dev.rotor.kernel.token.TokenRotatedEvent;
import dev.rotor.query.readmodel.ReadModelTestDatabase;
import dev.rotor.query.session.CurrentRefreshTokenProjection;
import dev.rotor.query.session.SessionProjection;
import dev.rotor.query.token.AccessTokenVerifier;
import dev.rotor.query.token.Es256TestSigner;
import dev.rotor.query.token.TokenFloorProjection;
import dev.rotor.query.token.TokenVerificationProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Introspection against the real read models (H2), fed events as the subscribing processors would:
 * an access token by the rule of {@code /me}, a refresh token while it is its session's current one
 * and the session passes the same rule.
 */
class TokenIntrospectionTest {

    private static final String ISSUER = "http://rotor.test";
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private final ECKey key = generateKey();
    private final MutableClock clock = new MutableClock(T0);
    private final ReadModelTestDatabase database = new ReadModelTestDatabase();
    private SessionProjection sessions;
    private TokenFloorProjection floors;
    private CurrentRefreshTokenProjection refreshTokens;
    private TokenIntrospectionQueryHandler handler;

    @BeforeEach
    void build() {
        floors = TokenFloorProjection.live(database.jdbc(), false, 1000);
        sessions = SessionProjection.live(database.jdbc(), false, 1000, floors, clock);
        refreshTokens = new CurrentRefreshTokenProjection(database.jdbc(),
                Generation.live(CurrentRefreshTokenProjection.NAME));
        database.install(floors, 1);
        database.install(sessions, 1);
        database.install(refreshTokens, 1);
        TokenVerificationProperties properties = new TokenVerificationProperties(ISSUER, "rotor", Duration.ofMinutes(15),
                Duration.ofSeconds(30), 1000);
        AccessTokenVerifier verifier = new AccessTokenVerifier(
                kid -> kid.equals(key.getKeyID()) ? Optional.of(key.toPublicJWK()) : Optional.empty(), properties);
        handler = new TokenIntrospectionQueryHandler(new TokenValidationQueryHandler(verifier, sessions, floors, clock),
                refreshTokens, sessions, properties, clock);
    }

    @Test
    void anAccessTokenCarriesItsSignedClaimsWhileItsSessionLives() {
        String sessionId = issue("user-1", "A".repeat(43));
        String token = sign("user-1", sessionId, T0, T0.plusSeconds(900));

        TokenIntrospection active = introspect(token);
        assertThat(active.active()).isTrue();
        assertThat(active.tokenType()).isEqualTo(TokenIntrospection.ACCESS_TOKEN);
        assertThat(active.subject()).isEqualTo("user-1");
        assertThat(active.sessionId()).isEqualTo(sessionId);
        assertThat(active.issuer()).isEqualTo(ISSUER);
        assertThat(active.audience()).containsExactly("rotor");
        assertThat(active.issuedAt()).isEqualTo(T0);
        assertThat(active.expiresAt()).isEqualTo(T0.plusSeconds(900));
        assertThat(active.roles()).containsExactly("user");
        assertThat(active.amr()).containsExactly("pwd");

        sessions.on(new SessionRevokedEvent(sessionId, "user-1", "logout", "user-1", T0.plusSeconds(5)));
        assertThat(introspect(token)).isEqualTo(TokenIntrospection.inactive());
    }

    @Test
    void aRefreshTokenIsActiveWhileItIsItsSessionsCurrentOne() {
        String first = "A".repeat(43);
        String second = "B".repeat(43);
        String sessionId = issue("user-1", first);

        TokenIntrospection active = introspect(first);
        assertThat(active.active()).isTrue();
        assertThat(active.tokenType()).isEqualTo(TokenIntrospection.REFRESH_TOKEN);
        assertThat(active.sessionId()).isEqualTo(sessionId);
        assertThat(active.issuedAt()).isEqualTo(T0);
        assertThat(active.expiresAt()).isEqualTo(T0.plus(Duration.ofDays(30)));

        Instant rotatedAt = T0.plusSeconds(60);
        RefreshTokenRotatedEvent rotated = new RefreshTokenRotatedEvent(sessionId, "user-1", RefreshTokens.hash(first),
                RefreshTokens.hash(second), rotatedAt, rotatedAt.plus(Duration.ofDays(30)), null, null);
        sessions.on(rotated);
        refreshTokens.on(rotated);

        assertThat(introspect(first).active()).as("rotated out").isFalse();
        assertThat(introspect(second).active()).isTrue();
        assertThat(introspect(second).issuedAt()).isEqualTo(rotatedAt);
        assertThat(introspect("C".repeat(43)).active()).as("never issued").isFalse();
    }

    @Test
    void aRefreshTokenFollowsTheSessionRule() {
        String token = "A".repeat(43);
        String sessionId = issue("user-1", token);
        String other = "B".repeat(43);
        issue("user-2", other);

        floors.on(new TokenRotatedEvent("user-1", RotationScope.USER, 1, 2, 0, T0, "admin", "compromise"));
        assertThat(introspect(token).active()).as("left behind by a user rotation").isFalse();
        assertThat(introspect(other).active()).isTrue();

        clock.set(T0.plus(Duration.ofDays(30)));
        assertThat(introspect(other).active()).as("idle expiry").isFalse();
        clock.set(T0);
        sessions.on(new SessionRevokedEvent(sessionId, "user-1", "logout", "user-1", T0));
        assertThat(introspect(token).active()).isFalse();
    }

    private TokenIntrospection introspect(String token) {
        return handler.handle(new IntrospectTokenQuery(token));
    }

    private String issue(String userId, String refreshToken) {
        String sessionId = UUID.randomUUID().toString();
        SessionIssuedEvent issued = new SessionIssuedEvent(sessionId, userId, userId + "@example.com",
                List.of("user"), List.of("pwd"), 1, 1, RefreshTokens.hash(refreshToken), "junit", "127.0.0.1", T0,
                T0.plus(Duration.ofDays(30)), T0.plus(Duration.ofDays(90)));
        sessions.on(issued);
        refreshTokens.on(issued);
        return sessionId;
    }

    private String sign(String userId, String sessionId, Instant issuedAt, Instant expiresAt) {
        try {
            JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISSUER).subject(userId).audience("rotor")
                    .issueTime(Date.from(issuedAt)).expirationTime(Date.from(expiresAt))
                    .jwtID(UUID.randomUUID().toString()).claim("sid", sessionId).claim("amr", List.of("pwd"))
                    .claim("roles", List.of("user")).claim("email", userId + "@example.com").claim("ver", 1)
                    .build();
            return Es256TestSigner.sign(key, new JWSHeader.Builder(JWSAlgorithm.ES256)
                    .type(new JOSEObjectType("at+jwt")).keyID(key.getKeyID()).build(), claims);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ECKey generateKey() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString()).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            this.now = instant;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
