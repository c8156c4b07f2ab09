package dev.rotor.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A read model that has never been built and cannot be built (here: its table is gone) stops the
 * start once, with the reason, instead of failing, logging and trying again without end.
 */
class ReadModelBuildFailureE2ETest {

    @Test
    void aReadModelThatCannotBeBuiltStopsTheStartWithTheReason() {
        try (RotorServer server = RotorServer.start()) {
            JdbcTemplate jdbc = server.context().getBean(JdbcTemplate.class);
            jdbc.execute("drop table rm_token_floor");
            jdbc.update("delete from rotor_read_model where name = 'token-floors'");

            Throwable failure = catchThrowable(server::restart);

            assertThat(failure).as("the restart must fail").isNotNull();
            Throwable root = failure;
            StringBuilder messages = new StringBuilder();
            while (root != null) {
                messages.append(root.getMessage()).append('\n');
                root = root.getCause();
            }
            assertThat(messages.toString()).contains("read model token-floors could not be built")
                    .containsIgnoringCase("rm_token_floor");
        }
    }
}
