package dev.rotor.command.token;

import org.springframework.data.jpa.repository.JpaRepository;

public interface TokenFloorRepository extends JpaRepository<TokenFloorEntry, String> {
}
