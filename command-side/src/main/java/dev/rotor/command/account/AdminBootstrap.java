package dev.rotor.command.account;

import dev.rotor.kernel.account.Roles;
import dev.rotor.kernel.common.ErrorCode;
import dev.rotor.kernel.common.RotorException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Creates the admin named by {@code ROTOR_ADMIN_EMAIL}/{@code ROTOR_ADMIN_PASSWORD} once. An
 * existing user with that email is left untouched (idempotent across restarts and nodes).
 */
@Component
public class AdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final AdminBootstrapProperties properties;
    private final AccountCommands accounts;
    private final EmailRegistry emails;

    public AdminBootstrap(AdminBootstrapProperties properties, AccountCommands accounts, EmailRegistry emails) {
        this.properties = properties;
        this.accounts = accounts;
        this.emails = emails;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!properties.isSet()) {
            return;
        }
        String email = Credentials.normalizeEmail(properties.email());
        if (emails.isTaken(email)) {
            log.info("Bootstrap admin {} already exists; left unchanged", email);
            return;
        }
        try {
            String userId = accounts.register(email, properties.password(), List.of(Roles.ADMIN), "system");
            log.info("Bootstrap admin {} created with id {}", email, userId);
        } catch (RotorException e) {
            if (e.errorCode() == ErrorCode.EMAIL_TAKEN) {
                log.info("Bootstrap admin {} was created concurrently; left unchanged", email);
                return;
            }
            throw new IllegalStateException("ROTOR_ADMIN_EMAIL/ROTOR_ADMIN_PASSWORD rejected: " + e.getMessage());
        }
    }
}
