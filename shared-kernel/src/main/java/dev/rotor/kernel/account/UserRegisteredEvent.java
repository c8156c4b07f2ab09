package dev.rotor.kernel.account;

import java.util.List;
import org.axonframework.serialization.Revision;

/** A user account exists. {@code passwordHash} is an Argon2id PHC string, never a clear password. */
@Revision("1")
public record UserRegisteredEvent(
        String userId,
        String email,
        String passwordHash,
        List<String> roles,
        String registeredBy) {

    @Override
    public String toString() {
        return "UserRegisteredEvent[userId=" + userId + ", email=" + email + ", roles=" + roles
                + ", registeredBy=" + registeredBy + "]";
    }
}
