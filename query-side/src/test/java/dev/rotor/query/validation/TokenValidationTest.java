package dev.rotor.query.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.rotor.kernel.session.RefreshTokenRotatedEvent;
import dev.rotor.kernel.session.SessionIssuedEvent;
import dev.rotor.kernel.session.SessionRevokedEvent;
import dev.rotor.kernel.token.RotationScope;
import dev.rotor.kernel.token.TokenRotatedEvent;
import dev.rotor.kernel.token.TokenValidationResponse;
import dev.rotor.kernel.token.ValidateAccessTokenQuery;
import dev.rotor.kernel.readmodel.Generation;
import dev.rotor.query.readmodel.ReadModelTestDatabase;
import dev.rotor.query.session.SessionProjection;
import dev.rotor.query.token.AccessTokenVerifier;
import dev.rotor.query.token.Es256TestSigner;
import dev.rotor.query.token.TokenFloorProjection;
import dev.rotor.query.token.TokenVerificationProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The session and token-floor read models, fed events as the subscribing processors would (their
 * SQL on a real H2), and asked the canonical token question. Runs with and without the in-memory
 * layer: a cached answer must never outlive a revocation or a rotation.
 */
class TokenValidationTest {

    private static final String ISSUER = "http://rotor.test";
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private final ECKey key = generateKey();
    private final MutableClock clock = new MutableClock(T0);
    private final ReadModelTestDatabase database = new ReadModelTestDatabase();
    private SessionProjection sessions;
    private TokenFloorProjection floors;
    private TokenValidationQueryHandler handler;

    private void build(boolean localCache) {
        floors = TokenFloorProjection.live(database.jdbc(), localCache, 1000);
        sessions = SessionProjection.live(database.jdbc(), localCache, 1000, floors, clock);
        database.install(floors, 1);
        database.install(sessions, 1);
        TokenVerificationProperties properties = new TokenVerificationProperties(ISSUER, "rotor", Duration.ofMinutes(15),
                Duration.ofSeconds(30), 1000);
        AccessTokenVerifier verifier = new AccessTokenVerifier(
                kid -> kid.equals(key.getKeyID()) ? Optional.of(key.toPublicJWK()) : Optional.empty(), properties);
        handler = new TokenValidationQueryHandler(verifier, sessions, floors, clock);
    }

    @ParameterizedTest(name = "local cache {0}")
    @ValueSource(booleans = {false, true})
    void tokenOfAnIssuedSessionIsValidUntilTheSessionIsRevoked(boolean localCache) {
        build(localCache);
        String sessionId = issue("user-1", 1, 1);
        String token = sign("user-1", sessionId, T0, T0.plusSeconds(900));

        assertThat(validate(token).valid()).isTrue();
        assertThat(validate(token).caller().sessionId()).isEqualTo(sessionId);

        sessions.on(new SessionRevokedEvent(sessionId, "user-1", "logout", "user-1", T0.plusSeconds(5)));
        assertThat(validate(token).valid()).isFalse();
    }

    @ParameterizedTest(name = "local cache {0}")
    @ValueSource(booleans = {false, true})
    void userRotationKillsOlderSessionsOfThatUserOnly(boolean localCache) {
        build(localCache);
        String old = sign("user-1", issue("user-1", 1, 1), T0, T0.plusSeconds(900));
        String other = sign("user-2", issue("user-2", 1, 1), T0, T0.plusSeconds(900));
        assertThat(validate(old).valid()).isTrue();

        floors.on(new TokenRotatedEvent("user-1", RotationScope.USER, 1, 2, 0, T0, "admin", "compromise"));

        assertThat(validate(old).valid()).isFalse();
        assertThat(validate(other).valid()).isTrue();
        String fresh = sign("user-1", issue("user-1", 2, 1), T0, T0.plusSeconds(900));
        assertThat(validate(fresh).valid()).isTrue();
        TokenValidationResponse refused = validate(old);
        assertThat(refused.versionRefusal()).as("the verdict names the session and the minimums it failed")
                .isNotNull();
        assertThat(refused.versionRefusal().floor().userMinVersion()).isEqualTo(2);
        assertThat(refused.caller()).isNull();
    }

    @ParameterizedTest(name = "local cache {0}")
    @ValueSource(booleans = {false, true})
    void globalRotationKeepsOneBehindAliveOnlyDuringTheGrace(boolean localCache) {
        build(localCache);
        String old = sign("user-1", issue("user-1", 1, 1), T0, T0.plusSeconds(900));
        assertThat(validate(old).valid()).isTrue();

        floors.on(new TokenRotatedEvent("global", RotationScope.GLOBAL, 1, 2, 300, T0, "admin", "drill"));
        clock.set(T0.plusSeconds(299));
        assertThat(validate(old).valid()).isTrue();
        clock.set(T0.plusSeconds(300));
        assertThat(validate(old).valid()).isFalse();
    }

    @ParameterizedTest(name = "local cache {0}")
    @ValueSource(booleans = {false, true})
    void refreshSlidesTheIdleExpiryAndExpiredSessionsFail(boolean localCache) {
        build(localCache);
        String sessionId = issue("user-1", 1, 1);
        clock.set(T0.plus(Duration.ofDays(29)));
        String token = sign("user-1", sessionId, clock.instant(), clock.instant().plusSeconds(900));
        sessions.on(new RefreshTokenRotatedEvent(sessionId, "user-1", "h1", "h2", clock.instant(),
                clock.instant().plus(Duration.ofDays(30)), null, null));
        clock.set(T0.plus(Duration.ofDays(30)).plusSeconds(1));
        String later = sign("user-1", sessionId, clock.instant(), clock.instant().plusSeconds(900));
        assertThat(validate(later).valid()).as("idle expiry slid forward").isTrue();
        clock.set(T0.plus(Duration.ofDays(90)));
        String afterAbsolute = sign("user-1", sessionId, clock.instant(), clock.instant().plusSeconds(900));
        assertThat(validate(afterAbsolute).valid()).as("absolute expiry holds").isFalse();
        assertThat(token).isNotEqualTo(later);
    }

    @ParameterizedTest(name = "local cache {0}")
    @ValueSource(booleans = {false, true})
    void anotherGenerationIsInvisibleUntilItIsActivatedAndThenServesAlone(boolean localCache) {
        build(localCache);
        String sessionId = issue("user-1", 1, 1);
        String token = sign("user-1", sessionId, T0, T0.plusSeconds(900));
        assertThat(validate(token).valid()).isTrue();

        // A rebuild writes generation 2 from the history, which (here) ends with a logout.
        SessionProjection rebuilt = (SessionProjection) sessions.projection(Generation.of(SessionProjection.NAME, 2));
        rebuilt.on(new SessionIssuedEvent(sessionId, "user-1", "user-1@example.com", List.of("user"), List.of("pwd"),
                1, 1, "hash", "junit", "127.0.0.1", T0, T0.plus(Duration.ofDays(30)), T0.plus(Duration.ofDays(90))));
        rebuilt.on(new SessionRevokedEvent(sessionId, "user-1", "logout", "user-1", T0.plusSeconds(5)));
        assertThat(validate(token).valid()).as("generation 1 still serves").isTrue();

        database.activate(SessionProjection.NAME, 2);
        sessions.generationSwitched();
        assertThat(validate(token).valid()).as("generation 2 serves now").isFalse();
        database.activate(SessionProjection.NAME, 1);
        sessions.generationSwitched();
        assertThat(validate(token).valid()).isTrue();
    }

    @ParameterizedTest(name = "local cache {0}")
    @ValueSource(booleans = {false, true})
    void tokensFailOnExpiryForeignKeyIssuerOrSessionOwner(boolean localCache) {
        build(localCache);
        String sessionId = issue("user-1", 1, 1);
        clock.set(T0.plusSeconds(900 + 31));
        assertThat(validate(sign("user-1", sessionId, T0, T0.plusSeconds(900))).failure()).isEqualTo("expired");
        clock.set(T0);
        assertThat(validate(sign("user-2", sessionId, T0, T0.plusSeconds(900))).valid())
                .as("token of another user naming this session").isFalse();
        assertThat(validate(signWith(generateKey(), ISSUER, "user-1", sessionId)).failure()).isEqualTo("unknown key");
        assertThat(validate(signWith(key, "http://evil.test", "user-1", sessionId)).failure()).isEqualTo("issuer");
        assertThat(validate("not-a-jwt").valid()).isFalse();
    }

    private TokenValidationResponse validate(String token) {
        return handler.handle(new ValidateAccessTokenQuery(token));
    }

    private String issue(String userId, long userVersion, long globalVersion) {
        String sessionId = UUID.randomUUID().toString();
        sessions.on(new SessionIssuedEvent(sessionId, userId, userId + "@example.com", List.of("user"),
                List.of("pwd"), userVersion, globalVersion, "hash-" + sessionId, "junit", "127.0.0.1", T0,
                T0.plus(Duration.ofDays(30)), T0.plus(Duration.ofDays(90))));
        return sessionId;
    }

    private String sign(String userId, String sessionId, Instant issuedAt, Instant expiresAt) {
        return sign(key, ISSUER, userId, sessionId, issuedAt, expiresAt);
    }

    private String signWith(ECKey signingKey, String issuer, String userId, String sessionId) {
        return sign(signingKey, issuer, userId, sessionId, T0, T0.plusSeconds(900));
    }

    private static String sign(ECKey signingKey, String issuer, String userId, String sessionId, Instant issuedAt,
                               Instant expiresAt) {
        try {
            JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer).subject(userId).audience("rotor")
                    .issueTime(Date.from(issuedAt)).expirationTime(Date.from(expiresAt))
                    .jwtID(UUID.randomUUID().toString()).claim("sid", sessionId).claim("amr", List.of("pwd"))
                    .claim("roles", List.of("user")).claim("email", userId + "@example.com").claim("ver", 1)
                    .build();
            return Es256TestSigner.sign(signingKey, new JWSHeader.Builder(JWSAlgorithm.ES256)
                    .type(new JOSEObjectType("at+jwt")).keyID(signingKey.getKeyID()).build(), claims);
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
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
