package dev.rotor.query.session;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface SessionViewRepository extends JpaRepository<SessionView, String> {

    List<SessionView> findByUserIdAndRevokedAtIsNullOrderByCreatedAtDesc(String userId);
}
