package dev.rotor.query.audit;

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
import dev.rotor.kernel.token.TokenRotatedEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The event types the audit answers with, by the name it shows ({@code SessionIssued} for
 * {@link SessionIssuedEvent}). Every event of the kernel is here; a test fails when one is added
 * to the kernel without being added (and its fields reviewed for secrets) here.
 */
final class AuditEventTypes {

    static final List<Class<? extends Record>> ALL = List.of(
            UserRegisteredEvent.class,
            LoginSucceededEvent.class,
            LoginFailedEvent.class,
            UserLockedOutEvent.class,
            PasswordChangedEvent.class,
            SessionIssuedEvent.class,
            RefreshTokenRotatedEvent.class,
            RefreshTokenReuseDetectedEvent.class,
            SessionRefusedForTokenVersionEvent.class,
            SessionRevokedEvent.class,
            TokenRotatedEvent.class,
            UserUnlockedEvent.class,
            UnknownEmailLoginFailedEvent.class,
            UnknownEmailLockedOutEvent.class,
            TotpEnrolmentStartedEvent.class,
            MfaEnabledEvent.class,
            MfaChallengeIssuedEvent.class,
            TotpCodeUsedEvent.class,
            RecoveryCodeUsedEvent.class,
            MfaDisabledEvent.class,
            MfaResetEvent.class,
            SigningKeyGeneratedEvent.class,
            SigningKeyActivatedEvent.class,
            SigningKeyRetiringEvent.class,
            SigningKeyRetiredEvent.class);

    private static final String SUFFIX = "Event";
    private static final Map<String, String> PAYLOAD_TYPE_BY_NAME = new LinkedHashMap<>();

    static {
        for (Class<?> type : ALL) {
            PAYLOAD_TYPE_BY_NAME.put(nameOf(type.getName()), type.getName());
        }
    }

    private AuditEventTypes() {
    }

    /** The shown name of a stored payload type: the simple class name without {@code Event}. */
    static String nameOf(String payloadType) {
        String simple = payloadType.substring(Math.max(payloadType.lastIndexOf('.'), payloadType.lastIndexOf('$')) + 1);
        return simple.endsWith(SUFFIX) && simple.length() > SUFFIX.length()
                ? simple.substring(0, simple.length() - SUFFIX.length())
                : simple;
    }

    /** The stored payload type of a shown name, if it names an audited event type. */
    static Optional<String> payloadTypeOf(String name) {
        return Optional.ofNullable(PAYLOAD_TYPE_BY_NAME.get(name));
    }

    static List<String> names() {
        return List.copyOf(PAYLOAD_TYPE_BY_NAME.keySet());
    }
}
