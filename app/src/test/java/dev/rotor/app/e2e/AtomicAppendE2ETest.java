package dev.rotor.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotor.app.e2e.RotorClient.Response;
import dev.rotor.kernel.session.IssueSessionCommand;
import dev.rotor.kernel.session.SessionIssuedEvent;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A command's events and the read-model rows its subscribing projections write are one
 * transaction: when the unit of work fails after both were written, neither is left in the
 * database. (Without a transaction around the unit of work, the projections' rows, written on
 * connections of their own, would stay behind for events that were never stored.)
 */
class AtomicAppendE2ETest {

    @Test
    void aLoginThatFailsAfterItsEventsWereAppliedLeavesNeitherEventsNorReadModelRows() {
        try (RotorServer server = RotorServer.start(Map.of(), FailBeforeCommit.class)) {
            RotorClient client = server.client();
            String email = E2eSupport.uniqueEmail();
            String userId = client.createUser(client.adminToken(), email, E2eSupport.PASSWORD, java.util.List.of("user"));
            FailBeforeCommit failure = server.context().getBean(FailBeforeCommit.class);
            JdbcTemplate jdbc = server.context().getBean(JdbcTemplate.class);
            String issued = "select count(*) from domain_event_entry where payload_type = '"
                    + SessionIssuedEvent.class.getName() + "'";
            int issuedBefore = count(jdbc, issued);
            int sessionsBefore = count(jdbc, "select count(*) from rm_session where user_id = ?", userId);

            failure.arm();
            Response refused = client.login(email, E2eSupport.PASSWORD);

            assertThat(failure.failed()).as("the injected failure ran after the events were applied").isEqualTo(1);
            assertThat(refused.status()).as(refused.toString()).isGreaterThanOrEqualTo(500);
            assertThat(count(jdbc, issued)).as("SessionIssued events stored").isEqualTo(issuedBefore);
            assertThat(count(jdbc, "select count(*) from rm_session where user_id = ?", userId))
                    .as("rows of the sessions read model").isEqualTo(sessionsBefore);

            // The same login, not failed, leaves both.
            Response login = client.login(email, E2eSupport.PASSWORD);
            assertThat(login.status()).as(login.toString()).isEqualTo(200);
            assertThat(count(jdbc, issued)).isEqualTo(issuedBefore + 1);
            assertThat(count(jdbc, "select count(*) from rm_session where user_id = ?", userId))
                    .isEqualTo(sessionsBefore + 1);
        }
    }

    private static int count(JdbcTemplate jdbc, String sql, Object... args) {
        return jdbc.queryForObject(sql, Integer.class, args);
    }

    /**
     * Test-only bean (a source of the test's server, not scanned): once armed, fails the next
     * session issue in its prepare-commit phase, after the event bus has appended its events and run
     * the subscribing projections, and before the transaction commits.
     */
    public static class FailBeforeCommit {

        private final AtomicBoolean armed = new AtomicBoolean();
        private final AtomicInteger failed = new AtomicInteger();

        public FailBeforeCommit(CommandBus commandBus) {
            commandBus.registerHandlerInterceptor(this::intercept);
        }

        void arm() {
            armed.set(true);
        }

        int failed() {
            return failed.get();
        }

        private Object intercept(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain)
                throws Exception {
            Object result = chain.proceed();
            if (IssueSessionCommand.class.equals(unitOfWork.getMessage().getPayloadType()) && armed.getAndSet(false)) {
                unitOfWork.onPrepareCommit(u -> {
                    failed.incrementAndGet();
                    throw new IllegalStateException("failure before the commit (injected)");
                });
            }
            return result;
        }
    }
}
