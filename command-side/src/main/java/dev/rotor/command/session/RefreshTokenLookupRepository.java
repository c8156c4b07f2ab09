package dev.rotor.command.session;

import org.springframework.data.jpa.repository.JpaRepository;

public interface RefreshTokenLookupRepository extends JpaRepository<RefreshTokenLookupEntry, String> {
}
