package dev.rotor.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.core.type.filter.RegexPatternTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * The audit shows every event's fields, except secrets, which never leave the event store. This
 * guard finds every event class of the kernel on the class path and fails when one of them has a
 * field that would reach {@code data} without having been reviewed here: if the new field is no
 * secret, add it to {@link #REVIEWED_DATA_FIELDS}; if it is one, name it so the audit drops it
 * (a name containing one of {@link AuditEntries#SECRET_NAME_PARTS}, e.g. {@code …Hash},
 * {@code encrypted…}).
 */
class AuditSecretsTest {

    /** Fields shown in {@code data}, each reviewed: none of them is, or reveals, a secret. */
    private static final Set<String> REVIEWED_DATA_FIELDS = Set.of(
            "email", "roles", "amr",
            "userVersion", "globalVersion",
            "userAgent",
            "issuedAt", "idleExpiresAt", "absoluteExpiresAt", "rotatedAt", "detectedAt", "refusedAt", "revokedAt",
            "consecutiveFailures", "failures", "lockedUntil",
            "scope", "previousVersion", "newVersion", "gracePeriodSeconds", "presentedVersion", "requiredVersion",
            "timeStep", "purpose", "codeIndex", "expiresAt", "throttleId",
            "requestId",
            // Signing keys: the id and public half of a key (the private half never enters an event).
            "kid", "publicJwk", "previousKid", "generatedAt", "activatedAt", "retiringAt", "retiresAt", "retiredAt");

    /** Fields that must be dropped: the secrets (hashes of secrets) the kernel's events hold today. */
    private static final Set<String> KNOWN_SECRET_FIELDS = Set.of("passwordHash", "refreshTokenHash",
            "previousTokenHash", "newTokenHash", "presentedTokenHash", "sealedSecret", "recoveryCodeHashes",
            "challengeHash");

    static List<Class<?>> kernelEvents() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Revision.class));
        scanner.addIncludeFilter(new RegexPatternTypeFilter(java.util.regex.Pattern.compile(".*Event")));
        List<Class<?>> events = new ArrayList<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents("dev.rotor.kernel")) {
            events.add(ClassUtils.resolveClassName(candidate.getBeanClassName(), AuditSecretsTest.class.getClassLoader()));
        }
        return events;
    }

    @Test
    void theScanFindsTheKernelsEvents() {
        assertThat(kernelEvents()).hasSizeGreaterThanOrEqualTo(11)
                .contains(dev.rotor.kernel.account.UserRegisteredEvent.class,
                        dev.rotor.kernel.session.RefreshTokenRotatedEvent.class);
    }

    @Test
    void everyKernelEventIsAnAuditedType() {
        List<Class<?>> audited = new ArrayList<>(AuditEventTypes.ALL);
        assertThat(audited).as("add new kernel events to AuditEventTypes (and review their fields)")
                .containsExactlyInAnyOrderElementsOf(kernelEvents());
    }

    @Test
    void noKernelEventHasAFieldThatWouldLeak() {
        TreeSet<String> unreviewed = new TreeSet<>();
        for (Class<?> event : kernelEvents()) {
            assertThat(event.isRecord()).as("%s is a record", event.getName()).isTrue();
            for (RecordComponent component : event.getRecordComponents()) {
                String name = component.getName();
                if (AuditEntries.isData(name) && !REVIEWED_DATA_FIELDS.contains(name)) {
                    unreviewed.add(event.getSimpleName() + "." + name);
                }
            }
        }
        assertThat(unreviewed).as("event fields that the audit would show in data without review").isEmpty();
    }

    @Test
    void theKnownSecretsAreDropped() {
        for (String secret : KNOWN_SECRET_FIELDS) {
            assertThat(AuditEntries.isSecret(secret)).as(secret).isTrue();
            assertThat(AuditEntries.isData(secret)).as(secret).isFalse();
        }
        for (String name : List.of("totpSecret", "encryptedTotpSecret", "recoveryCodeHashes", "newPassword",
                "refreshToken", "privateKey", "secretCiphertext")) {
            assertThat(AuditEntries.isSecret(name)).as(name).isTrue();
        }
    }

    @Test
    void noSecretValueOfAnyKernelEventReachesItsEntry() throws Exception {
        for (Class<?> event : kernelEvents()) {
            Object instance = sample(event);
            AuditEntry entry = AuditEntries.of(new StoredEvent(7, "aggregate-1", 0, Instant.EPOCH, event.getName(),
                    instance, "indexed-user", "indexed-session"));
            String shown = entry.toString();
            for (RecordComponent component : event.getRecordComponents()) {
                String marker = marker(component.getName());
                if (AuditEntries.isSecret(component.getName())) {
                    assertThat(shown).as("%s.%s", event.getSimpleName(), component.getName()).doesNotContain(marker);
                } else if (component.getType() == String.class && !component.getName().equals("aggregateId")) {
                    assertThat(shown).as("%s.%s is shown", event.getSimpleName(), component.getName())
                            .contains(marker);
                }
            }
            assertThat(entry.data().keySet()).allMatch(key -> key.equals(key.toLowerCase()), "snake_case keys");
        }
    }

    @Test
    void anEntryLiftsTheWellKnownFields() throws Exception {
        var registered = new dev.rotor.kernel.account.UserRegisteredEvent("u1", "a@example.com",
                "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA", List.of("user"), "admin-1");
        AuditEntry entry = AuditEntries.of(new StoredEvent(3, "u1", 0, Instant.EPOCH,
                registered.getClass().getName(), registered, "u1", null));
        assertThat(entry.type()).isEqualTo("UserRegistered");
        assertThat(entry.userId()).isEqualTo("u1");
        assertThat(entry.actor()).isEqualTo("admin-1");
        assertThat(entry.data()).isEqualTo(Map.of("email", "a@example.com", "roles", List.of("user")));
        assertThat(entry.toString()).doesNotContain("$argon2");

        var rotation = new dev.rotor.kernel.token.TokenRotatedEvent("u1",
                dev.rotor.kernel.token.RotationScope.USER, 1, 2, 0, Instant.EPOCH, "u1", "logout_everywhere");
        AuditEntry rotated = AuditEntries.of(new StoredEvent(4, "u1", 1, Instant.EPOCH, rotation.getClass().getName(),
                rotation, null, null));
        assertThat(rotated.userId()).isEqualTo("u1");
        assertThat(rotated.reason()).isEqualTo("logout_everywhere");
        assertThat(rotated.actor()).isEqualTo("u1");
        assertThat(rotated.data()).containsEntry("scope", "user").containsEntry("new_version", 2L)
                .doesNotContainKey("aggregate_id");
    }

    /** An instance of a record with every String field set to a recognisable marker. */
    private static Object sample(Class<?> type) throws Exception {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = sampleValue(components[i]);
        }
        Constructor<?> constructor = type.getDeclaredConstructor(types);
        return constructor.newInstance(values);
    }

    private static Object sampleValue(RecordComponent component) {
        Class<?> type = component.getType();
        if (type == String.class) {
            return marker(component.getName());
        }
        if (type == long.class || type == Long.class) {
            return 1L;
        }
        if (type == int.class || type == Integer.class) {
            return 1;
        }
        if (type == boolean.class || type == Boolean.class) {
            return true;
        }
        if (type == Instant.class) {
            return Instant.parse("2026-03-01T10:00:00Z");
        }
        if (type == List.class) {
            return List.of(marker(component.getName()));
        }
        if (type.isEnum()) {
            return type.getEnumConstants()[0];
        }
        throw new IllegalStateException("no sample value for " + type + " (" + component + "): extend this test");
    }

    private static String marker(String field) {
        return "<value-of-" + field + ">";
    }
}
