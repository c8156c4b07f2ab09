package dev.rotor.app.keys;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;
import org.springframework.transaction.annotation.Transactional;

public interface KeyMaterialRepository extends JpaRepository<KeyMaterialEntry, String> {

    /**
     * Replaces a row's material only while it still is {@code expected}: of several nodes sealing
     * the same clear row at once, exactly one changes it (answer 1), the others see 0.
     */
    @Transactional
    @Modifying
    @Query("update KeyMaterialEntry e set e.material = :replacement where e.name = :name and e.material = :expected")
    int replaceMaterial(@Param("name") String name, @Param("expected") String expected,
                        @Param("replacement") String replacement);
}
