package dev.rotor.command.account;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code ROTOR_ADMIN_EMAIL} / {@code ROTOR_ADMIN_PASSWORD}: the admin to create once at start. */
@ConfigurationProperties("rotor.admin")
public record AdminBootstrapProperties(String email, String password) {

    public boolean isSet() {
        return email != null && !email.isBlank() && password != null && !password.isEmpty();
    }

    @Override
    public String toString() {
        return "AdminBootstrapProperties[email=" + email + ", password=[redacted]]";
    }
}
