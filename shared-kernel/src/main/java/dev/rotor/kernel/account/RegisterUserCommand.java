package dev.rotor.kernel.account;

import dev.rotor.kernel.common.Secrets;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Create a user account. Carries the clear password only as far as the command handler, which
 * hashes it; the event holds the Argon2id hash alone. {@code registeredBy} is the admin's user id
 * or {@code system} for the bootstrap admin.
 */
public record RegisterUserCommand(
        @TargetAggregateIdentifier String userId,
        String email,
        String password,
        List<String> roles,
        String registeredBy) {

    @Override
    public String toString() {
        return "RegisterUserCommand[userId=" + userId + ", email=" + email + ", password="
                + Secrets.redact(password) + ", roles=" + roles + ", registeredBy=" + registeredBy + "]";
    }
}
