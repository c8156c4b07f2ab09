package dev.rotor.kernel.account;

import org.axonframework.serialization.Revision;

/** A TOTP enrolment is pending; {@code sealedSecret} is the secret encrypted under the master key, never clear. */
@Revision("1")
public record TotpEnrolmentStartedEvent(String userId, String sealedSecret) {

    @Override
    public String toString() {
        return "TotpEnrolmentStartedEvent[userId=" + userId + "]";
    }
}
