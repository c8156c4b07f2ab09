package dev.rotor.kernel.account;

import dev.rotor.kernel.common.Secrets;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Begin (or begin again) a TOTP enrolment with a new secret, sealed before it leaves the server's memory. */
public record StartTotpEnrolmentCommand(@TargetAggregateIdentifier String userId, String sealedSecret) {

    @Override
    public String toString() {
        return "StartTotpEnrolmentCommand[userId=" + userId + ", sealedSecret=" + Secrets.redact(sealedSecret) + "]";
    }
}
