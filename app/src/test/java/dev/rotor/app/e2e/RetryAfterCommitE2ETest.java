package dev.rotor.app.e2e;

import static dev.rotor.app.e2e.RotorClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rotor.app.e2e.RotorClient.Response;
import dev.rotor.command.token.TokenFloorLedger;
import dev.rotor.kernel.account.ChangePasswordCommand;
import dev.rotor.kernel.account.PasswordChangedEvent;
import dev.rotor.kernel.session.IssueSessionCommand;
import dev.rotor.kernel.session.SessionIssuedEvent;
import dev.rotor.kernel.token.TokenPolicyIds;
import dev.rotor.kernel.token.TokenRotatedEvent;
import dev.rotor.kernel.token.TriggerGlobalTokenRotationCommand;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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

    private static final String PASSWORD = "correct-horse-battery-staple";
    private static final String NEW_PASSWORD = "a-brand-new-passphrase";

    @Test
    void aGlobalRotationRetriedAfterItsCommitRaisesTheVersionOnceAndAnswersTheFirstResult() {
        try (RotorServer server = RotorServer.start(Map.of(), LoseTheNextAnswer.class)) {
            RotorClient client = server.client();
            String admin = client.adminToken();
            LoseTheNextAnswer loss = server.context().getBean(LoseTheNextAnswer.class);
            TokenFloorLedger floors = server.context().getBean(TokenFloorLedger.class);
            long before = floors.globalMinVersion();
            assertThat(stored(server, TokenRotatedEvent.class, TokenPolicyIds.GLOBAL)).isZero();

            loss.arm(TriggerGlobalTokenRotationCommand.class);
            Response rotated = client.post("/api/v1/admin/rotations/global",
                    json("reason", "retry drill", "grace_period_seconds", 300), admin);

            assertThat(loss.answersLost(TriggerGlobalTokenRotationCommand.class))
                    .as("the first answer was lost after its commit").isEqualTo(1);
            assertThat(loss.attempts(TriggerGlobalTokenRotationCommand.class))
                    .as("so the gateway tried again").isEqualTo(2);
            assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
            assertThat(rotated.json().get("previous_version").asLong()).isEqualTo(before);
            assertThat(rotated.json().get("new_version").asLong()).isEqualTo(before + 1);
            assertThat(rotated.json().get("grace_period_seconds").asLong()).isEqualTo(300);
            assertThat(stored(server, TokenRotatedEvent.class, TokenPolicyIds.GLOBAL))
                    .as("TokenRotatedEvents of the global policy").isEqualTo(1);
            assertThat(floors.globalMinVersion()).as("global_min_token_version").isEqualTo(before + 1);
        }
    }

    @Test
    void aPasswordChangeRetriedAfterItsCommitIsAnsweredAsChangedAndItsNewSessionIsOpenedOnce() {
        try (RotorServer server = RotorServer.start(Map.of(), LoseTheNextAnswer.class)) {
            RotorClient client = server.client();
            String email = E2eSupport.uniqueEmail();
            String userId = client.createUser(client.adminToken(), email, PASSWORD, java.util.List.of("user"));
            String access = E2eSupport.login(client, email, PASSWORD).get("access_token").asText();
            LoseTheNextAnswer loss = server.context().getBean(LoseTheNextAnswer.class);

            loss.arm(ChangePasswordCommand.class);
            loss.arm(IssueSessionCommand.class);
            Response changed = client.post("/api/v1/me/password",
                    json("current_password", PASSWORD, "new_password", NEW_PASSWORD), access);

            assertThat(loss.answersLost(ChangePasswordCommand.class)).isEqualTo(1);
            // Not "wrong current password": the retry found its own change.
            assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
            // ...and the new session's issue, lost too, was answered by the session it opened.
            assertThat(loss.answersLost(IssueSessionCommand.class)).isEqualTo(1);
            JsonNode session = changed.json();
            assertThat(stored(server, PasswordChangedEvent.class, userId)).isEqualTo(1);
            assertThat(stored(server, TokenRotatedEvent.class, userId)).isEqualTo(1);
            assertThat(stored(server, SessionIssuedEvent.class, session.get("session_id").asText())).isEqualTo(1);
            assertThat(client.me(session.get("access_token").asText()).status()).isEqualTo(200);
            assertThat(client.login(email, NEW_PASSWORD).status()).isEqualTo(200);
        }
    }

    private static int stored(RotorServer server, Class<?> eventType, String aggregateId) {
        return server.context().getBean(JdbcTemplate.class).queryForObject(
                "select count(*) from domain_event_entry where payload_type = ? and aggregate_identifier = ?",
                Integer.class, eventType.getName(), aggregateId);
    }

    /**
     * Test-only bean (a source of the test's server, not scanned): once armed for a command type,
     * lets the next such command's database transaction commit and then fails that commit, as a
     * connection lost at that moment would, with a transient storage error that reaches the
     * gateway, which retries. (A Spring {@code afterCommit} callback propagates to the committer;
     * an Axon after-commit handler would be swallowed.) Not itself an interceptor bean, so Axon
     * does not register it a second time.
     */
    public static class LoseTheNextAnswer {

        private final Map<Class<?>, Boolean> armed = new ConcurrentHashMap<>();
        private final Map<Class<?>, AtomicInteger> attempts = new ConcurrentHashMap<>();
        private final Map<Class<?>, AtomicInteger> answersLost = new ConcurrentHashMap<>();

        public LoseTheNextAnswer(CommandBus commandBus) {
            commandBus.registerHandlerInterceptor(this::intercept);
        }

        void arm(Class<?> commandType) {
            armed.put(commandType, true);
        }

        private Object intercept(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain)
                throws Exception {
            Class<?> type = unitOfWork.getMessage().getPayloadType();
            attempts.computeIfAbsent(type, t -> new AtomicInteger()).incrementAndGet();
            if (armed.containsKey(type)) {
                if (!TransactionSynchronizationManager.isSynchronizationActive()) {
                    throw new IllegalStateException("the command runs outside a Spring transaction");
                }
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        if (armed.remove(type) != null) {
                            answersLost.computeIfAbsent(type, t -> new AtomicInteger()).incrementAndGet();
                            throw new TransientDataAccessResourceException(
                                    "connection lost after the commit (injected)");
                        }
                    }
                });
            }
            return chain.proceed();
        }

        int attempts(Class<?> commandType) {
            AtomicInteger count = attempts.get(commandType);
            return count == null ? 0 : count.get();
        }

        int answersLost(Class<?> commandType) {
            AtomicInteger count = answersLost.get(commandType);
            return count == null ? 0 : count.get();
        }
    }
}
