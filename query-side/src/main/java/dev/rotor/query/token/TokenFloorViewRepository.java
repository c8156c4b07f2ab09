package dev.rotor.query.token;

import org.springframework.data.jpa.repository.JpaRepository;

public interface TokenFloorViewRepository extends JpaRepository<TokenFloorView, String> {
}
