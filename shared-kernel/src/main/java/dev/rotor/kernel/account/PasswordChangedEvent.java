package dev.rotor.kernel.account;

import org.axonframework.serialization.Revision;

/** The password was replaced; {@code passwordHash} is the new Argon2id hash. */
@Revision("1")
public record PasswordChangedEvent(String userId, String passwordHash, String changedBy) {

    @Override
    public String toString() {
        return "PasswordChangedEvent[userId=" + userId + ", changedBy=" + changedBy + "]";
    }
}
