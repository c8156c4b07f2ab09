package dev.rotor.app.keys;

import org.springframework.data.jpa.repository.JpaRepository;

public interface KeyMaterialRepository extends JpaRepository<KeyMaterialEntry, String> {
}
