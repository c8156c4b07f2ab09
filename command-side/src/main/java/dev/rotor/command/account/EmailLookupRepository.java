package dev.rotor.command.account;

import org.springframework.data.jpa.repository.JpaRepository;

public interface EmailLookupRepository extends JpaRepository<EmailLookupEntry, String> {
}
