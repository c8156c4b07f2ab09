package dev.rotor.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.junit.jupiter.api.Test;

/** Duplicate appends are recognised whichever driver reports them, so they become retried conflicts. */
class EventStoreConfigurationTest {

    private final PersistenceExceptionResolver resolver = new EventStoreConfiguration().persistenceExceptionResolver();

    @Test
    void aUniqueViolationIsADuplicateKeyByItsSqlState() {
        // The PostgreSQL driver's PSQLException is a plain SQLException carrying SQLSTATE 23505.
        SQLException postgres = new SQLException("duplicate key value violates unique constraint", "23505");
        assertThat(resolver.isDuplicateKeyViolation(new RuntimeException("append failed", postgres))).isTrue();
        // H2 throws a subclass of SQLIntegrityConstraintViolationException.
        assertThat(resolver.isDuplicateKeyViolation(new SQLIntegrityConstraintViolationException("dup", "23505")))
                .isTrue();
    }

    @Test
    void otherFailuresAreNot() {
        assertThat(resolver.isDuplicateKeyViolation(new SQLException("not null violated", "23502"))).isFalse();
        assertThat(resolver.isDuplicateKeyViolation(new RuntimeException("append failed",
                new SQLException("connection reset", "08006")))).isFalse();
        assertThat(resolver.isDuplicateKeyViolation(new IllegalStateException("no SQL at all"))).isFalse();
    }
}
