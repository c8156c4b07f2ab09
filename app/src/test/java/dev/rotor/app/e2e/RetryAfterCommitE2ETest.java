package dev.rotor.app.e2e;

import static dev.rotor.app.e2e.RotorClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rotor.app.e2e.RotorClient.Response;
import dev.rotor.command.token.TokenFloorLedger;
import dev.rotor.kernel.token.TokenPolicyIds;
import dev.rotor.kernel.token.TokenRotatedEvent;
import dev.rotor.kernel.token.TriggerGlobalTokenRotationCommand;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.Test;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A command whose commit reached the database but whose answer was lost (the connection died right
 * after) is retried by the gateway; the retry must answer the first result and apply nothing twice.
 * The loss is injected on the server's own command bus, after the real commit.
 */
class RetryAfterCommitE2ETest {

    @Test
    void aGlobalRotationRetriedAfterItsCommitRaisesTheVersionOnceAndAnswersTheFirstResult() {
        try (RotorServer server = RotorServer.start(Map.of(), LoseTheFirstAnswerOfAGlobalRotation.class)) {
            RotorClient client = server.client();
            String admin = client.adminToken();
            LoseTheFirstAnswerOfAGlobalRotation loss =
                    server.context().getBean(LoseTheFirstAnswerOfAGlobalRotation.class);
            TokenFloorLedger floors = server.context().getBean(TokenFloorLedger.class);
            long before = floors.globalMinVersion();
            assertThat(storedGlobalRotations(server)).isZero();

            Response rotated = client.post("/api/v1/admin/rotations/global",
                    json("reason", "retry drill", "grace_period_seconds", 300), admin);

            assertThat(loss.answersLost()).as("the first answer was lost after its commit").isEqualTo(1);
            assertThat(loss.attempts()).as("so the gateway tried again").isEqualTo(2);
            assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
            assertThat(rotated.json().get("previous_version").asLong()).isEqualTo(before);
            assertThat(rotated.json().get("new_version").asLong()).isEqualTo(before + 1);
            assertThat(rotated.json().get("grace_period_seconds").asLong()).isEqualTo(300);
            assertThat(storedGlobalRotations(server)).as("TokenRotatedEvents of the global policy").isEqualTo(1);
            assertThat(floors.globalMinVersion()).as("global_min_token_version").isEqualTo(before + 1);
        }
    }

    private static int storedGlobalRotations(RotorServer server) {
        return server.context().getBean(JdbcTemplate.class).queryForObject(
                "select count(*) from domain_event_entry where payload_type = ? and aggregate_identifier = ?",
                Integer.class, TokenRotatedEvent.class.getName(), TokenPolicyIds.GLOBAL);
    }

    /**
     * Test-only bean (a source of the test's server, not scanned): when the first global rotation's
     * database transaction has committed, fails that commit as a connection lost at that moment
     * would, with a transient storage error that reaches the gateway, which retries. (A Spring
     * {@code afterCommit} callback propagates to the committer; Axon's own after-commit phase
     * would swallow it.) Not itself an interceptor bean, so Axon does not register it a second time.
     */
    public static class LoseTheFirstAnswerOfAGlobalRotation {

        private final AtomicBoolean armed = new AtomicBoolean(true);
        private final AtomicInteger attempts = new AtomicInteger();
        private final AtomicInteger answersLost = new AtomicInteger();

        public LoseTheFirstAnswerOfAGlobalRotation(CommandBus commandBus) {
            commandBus.registerHandlerInterceptor(this::intercept);
        }

        private Object intercept(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain)
                throws Exception {
            if (unitOfWork.getMessage().getPayload() instanceof TriggerGlobalTokenRotationCommand) {
                attempts.incrementAndGet();
                if (!TransactionSynchronizationManager.isSynchronizationActive()) {
                    throw new IllegalStateException("the command runs outside a Spring transaction");
                }
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        if (armed.compareAndSet(true, false)) {
                            answersLost.incrementAndGet();
                            throw new TransientDataAccessResourceException(
                                    "connection lost after the commit (injected)");
                        }
                    }
                });
            }
            return chain.proceed();
        }

        int attempts() {
            return attempts.get();
        }

        int answersLost() {
            return answersLost.get();
        }
    }
}
