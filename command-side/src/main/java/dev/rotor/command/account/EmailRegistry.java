package dev.rotor.command.account;

import java.util.Optional;
import org.springframework.stereotype.Component;

/** Reads the command-side email set: which user holds a (normalised) email. */
@Component
public class EmailRegistry {

    private final EmailLookupRepository repository;

    public EmailRegistry(EmailLookupRepository repository) {
        this.repository = repository;
    }

    public Optional<String> userIdFor(String normalizedEmail) {
        return repository.findById(normalizedEmail).map(EmailLookupEntry::getUserId);
    }

    public boolean isTaken(String normalizedEmail) {
        return repository.existsById(normalizedEmail);
    }
}
