package dev.rotor.kernel.account;

import org.axonframework.serialization.Revision;

/** An admin ended the user's lockout; failures and lockout escalation start again from zero. */
@Revision("1")
public record UserUnlockedEvent(String userId, String triggeredBy) {
}
