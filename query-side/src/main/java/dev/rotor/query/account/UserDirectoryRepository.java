package dev.rotor.query.account;

import org.springframework.data.jpa.repository.JpaRepository;

public interface UserDirectoryRepository extends JpaRepository<UserDirectoryEntry, String> {
}
