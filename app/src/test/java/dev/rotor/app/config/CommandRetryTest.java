package dev.rotor.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotor.kernel.account.RegisterUserCommand;
import dev.rotor.kernel.token.TriggerGlobalTokenRotationCommand;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.IntervalRetryScheduler;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.TransientDataAccessResourceException;

/** What the command gateway tries again: conflicts always, an unknown outcome only where a repeat is harmless. */
class CommandRetryTest {

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    private final AxonConfiguration.ConflictRetryScheduler retries = new AxonConfiguration.ConflictRetryScheduler(
            IntervalRetryScheduler.builder().retryExecutor(executor).retryInterval(1).maxRetryCount(5));

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    private boolean retried(Object command, RuntimeException failure) {
        List<Class<? extends Throwable>[]> failures = new ArrayList<>();
        failures.add(chain(failure));
        return retries.scheduleRetry(GenericCommandMessage.asCommandMessage(command), failure, failures, () -> {
        });
    }

    @SuppressWarnings("unchecked")
    private static Class<? extends Throwable>[] chain(Throwable failure) {
        return new Class[] {failure.getClass()};
    }

    @Test
    void aLostConflictIsRetriedForEveryCommand() {
        ConcurrencyException conflict = new ConcurrencyException("lost the race");
        assertThat(retried(new RegisterUserCommand("u", "a@example.com", "pw", List.of(), "admin"), conflict)).isTrue();
        assertThat(retried(new TriggerGlobalTokenRotationCommand("global", "admin", "drill", 0), conflict)).isTrue();
    }

    @Test
    void anUnknownOutcomeIsRetriedOnlyForCommandsThatAnswerTheirOwnRepeat() {
        TransientDataAccessResourceException lostAnswer = new TransientDataAccessResourceException("connection lost");
        assertThat(retried(new TriggerGlobalTokenRotationCommand("global", "admin", "drill", 0), lostAnswer)).isTrue();
        assertThat(retried(new RegisterUserCommand("u", "a@example.com", "pw", List.of(), "admin"), lostAnswer))
                .as("a registration applied twice would answer email_taken for an account that was created")
                .isFalse();
    }

    @Test
    void aDriversSerializationFailureOrDeadlockIsALostRaceButOtherSqlFailuresAreNot() {
        // Axon's JDBC event store passes the driver's exception on untranslated.
        RegisterUserCommand register = new RegisterUserCommand("u", "a@example.com", "pw", List.of(), "admin");
        for (String lostRace : List.of("40001", "40P01", "55P03")) {
            EventStoreException failure = new EventStoreException("append failed", new SQLException("lost", lostRace));
            assertThat(retried(register, failure)).as(lostRace).isTrue();
        }
        EventStoreException syntax = new EventStoreException("append failed", new SQLException("bad sql", "42601"));
        assertThat(retried(register, syntax)).isFalse();
    }
}
