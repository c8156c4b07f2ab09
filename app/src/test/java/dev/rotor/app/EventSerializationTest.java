package dev.rotor.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rotor.app.config.AxonConfiguration;
import dev.rotor.kernel.account.LoginFailedEvent;
import dev.rotor.kernel.account.MfaChallengeIssuedEvent;
import dev.rotor.kernel.account.MfaDisabledEvent;
import dev.rotor.kernel.account.MfaEnabledEvent;
import dev.rotor.kernel.account.MfaResetEvent;
import dev.rotor.kernel.account.RecoveryCodeUsedEvent;
import dev.rotor.kernel.account.TotpCodeUsedEvent;
import dev.rotor.kernel.account.TotpEnrolmentStartedEvent;
import dev.rotor.kernel.account.UnknownEmailLockedOutEvent;
import dev.rotor.kernel.account.UnknownEmailLoginFailedEvent;
import dev.rotor.kernel.account.UserUnlockedEvent;
import dev.rotor.kernel.account.LoginSucceededEvent;
import dev.rotor.kernel.account.PasswordChangedEvent;
import dev.rotor.kernel.account.UserLockedOutEvent;
import dev.rotor.kernel.account.UserRegisteredEvent;
import dev.rotor.kernel.keys.SigningKeyActivatedEvent;
import dev.rotor.kernel.keys.SigningKeyGeneratedEvent;
import dev.rotor.kernel.keys.SigningKeyRetiredEvent;
import dev.rotor.kernel.keys.SigningKeyRetiringEvent;
import dev.rotor.kernel.session.RefreshTokenReuseDetectedEvent;
import dev.rotor.kernel.session.RefreshTokenRotatedEvent;
import dev.rotor.kernel.session.SessionIssuedEvent;
import dev.rotor.kernel.session.SessionRefusedForTokenVersionEvent;
import dev.rotor.kernel.session.SessionRevokedEvent;
import dev.rotor.kernel.token.RotationScope;
import dev.rotor.kernel.token.TokenRotatedEvent;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every event as the event store keeps it: through Axon's own mapper, instants as ISO strings,
 * exactly the record's fields (no derived values), a revision, and back to an equal event.
 */
class EventSerializationTest {

    private static final Instant T = Instant.parse("2026-03-01T10:00:00.123Z");
    private final ObjectMapper mapper = new AxonConfiguration().defaultAxonObjectMapper();

    static Stream<Object> events() {
        return Stream.of(
                new UserRegisteredEvent("u", "a@example.com", "$argon2id$v=19$m=19456,t=2,p=1$x$y", List.of("user"), "system"),
                new LoginSucceededEvent("u", "127.0.0.1", "curl"),
                new LoginFailedEvent("u", "bad_password", 2, "127.0.0.1", "curl"),
                new UserLockedOutEvent("u", 5, T),
                new PasswordChangedEvent("u", "$argon2id$new", "u"),
                new TokenRotatedEvent("global", RotationScope.GLOBAL, 1, 2, 300, T, "admin", "drill"),
                new TokenRotatedEvent("u", RotationScope.USER, 2, 3, 0, T, "u", "logout_everywhere",
                        "6f1d3c2b-8a7e-4b5c-9d0e-1f2a3b4c5d6e"),
                new SessionIssuedEvent("s", "u", "a@example.com", List.of("user"), List.of("pwd"), 1, 1, "h0", "curl",
                        "127.0.0.1", T, T.plusSeconds(60), T.plusSeconds(120)),
                new RefreshTokenRotatedEvent("s", "u", "h0", "h1", T, T.plusSeconds(60), "127.0.0.1", "curl"),
                new RefreshTokenReuseDetectedEvent("s", "u", "h0", T, "127.0.0.1", "curl"),
                new SessionRevokedEvent("s", "u", "logout", "u", T),
                new SessionRefusedForTokenVersionEvent("s", "u", RotationScope.USER, 1, 2, T),
                new UserUnlockedEvent("u", "admin"),
                new UnknownEmailLoginFailedEvent("unknown-email:ab", 1, "127.0.0.1", "curl"),
                new UnknownEmailLockedOutEvent("unknown-email:ab", 5, T),
                new TotpEnrolmentStartedEvent("u", "v1:sealed"),
                new MfaEnabledEvent("u", "v1:sealed", List.of("c0", "c1")),
                new MfaChallengeIssuedEvent("u", "challenge", T),
                new TotpCodeUsedEvent("u", 59854314, "login"),
                new RecoveryCodeUsedEvent("u", 3, "login"),
                new MfaDisabledEvent("u", "u"),
                new MfaResetEvent("u", "admin", "lost phone"),
                new SigningKeyGeneratedEvent("signing-keys", "k1",
                        "{\"kty\":\"EC\",\"crv\":\"P-256\",\"kid\":\"k1\",\"x\":\"x\",\"y\":\"y\"}", T),
                new SigningKeyActivatedEvent("signing-keys", "k1", "k0", T, "admin", "drill",
                        "6f1d3c2b-8a7e-4b5c-9d0e-1f2a3b4c5d6e"),
                new SigningKeyRetiringEvent("signing-keys", "k0", T, T.plusSeconds(935)),
                new SigningKeyRetiredEvent("signing-keys", "k0", T));
    }

    @ParameterizedTest
    @MethodSource("events")
    void storedShapeIsTheRecordAndRoundTrips(Object event) throws Exception {
        String json = mapper.writeValueAsString(event);
        JsonNode tree = mapper.readTree(json);

        TreeSet<String> stored = new TreeSet<>();
        for (Iterator<String> names = tree.fieldNames(); names.hasNext(); ) {
            stored.add(names.next());
        }
        TreeSet<String> components = new TreeSet<>();
        for (var component : event.getClass().getRecordComponents()) {
            components.add(component.getName());
        }
        assertThat(stored).as("stored fields of %s", event.getClass().getSimpleName()).isEqualTo(components);
        assertThat(mapper.readValue(json, event.getClass())).isEqualTo(event);
        assertThat(event.getClass().getAnnotation(Revision.class)).as("@Revision").isNotNull();
        if (json.contains("2026-03-01")) {
            assertThat(json).contains("\"2026-03-01T10:00:00.123Z\"");
        }
    }
}
