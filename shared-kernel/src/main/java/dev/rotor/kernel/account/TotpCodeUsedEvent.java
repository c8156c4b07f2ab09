package dev.rotor.kernel.account;

import org.axonframework.serialization.Revision;

/**
 * A TOTP code was accepted for time step {@code timeStep} (30 s steps since the epoch); no code of
 * that step or an earlier one is accepted again. {@code purpose}: login, enrolment or disable.
 */
@Revision("1")
public record TotpCodeUsedEvent(String userId, long timeStep, String purpose) {
}
