package dev.rotor.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Stored events and new sessions are keyed by time-ordered identifiers (UUID version 7), so that
 * each commit adds to the newest leaf of the event store's and the read models' indexes instead
 * of a random one: a later login's keys sort after an earlier one's.
 */
class TimeOrderedKeysE2ETest {

    @Test
    void aLaterLoginsEventAndSessionKeysSortAfterAnEarlierOnes() throws Exception {
        RotorServer server = SharedRotorServer.get();
        RotorClient client = server.client();
        JdbcTemplate jdbc = server.context().getBean(JdbcTemplate.class);
        String email = E2eSupport.uniqueEmail();
        E2eSupport.newUser(client, email);

        String firstSession = E2eSupport.login(client, email, E2eSupport.PASSWORD).get("session_id").asText();
        Thread.sleep(5);
        JsonNode second = E2eSupport.login(client, email, E2eSupport.PASSWORD);
        String secondSession = second.get("session_id").asText();

        assertThat(UUID.fromString(firstSession).version()).isEqualTo(7);
        assertThat(secondSession).isGreaterThan(firstSession);

        List<String> firstEvents = eventIdentifiersOf(jdbc, firstSession);
        List<String> secondEvents = eventIdentifiersOf(jdbc, secondSession);
        assertThat(firstEvents).isNotEmpty();
        assertThat(secondEvents).isNotEmpty();
        assertThat(firstEvents).allSatisfy(id -> assertThat(UUID.fromString(id).version()).isEqualTo(7));
        assertThat(secondEvents).allSatisfy(id -> assertThat(id).isGreaterThan(firstEvents.get(0)));
        assertThat(jdbc.queryForList("select event_id from rm_audit_index where session_id = ?", String.class,
                secondSession)).as("the audit index is keyed by the same identifiers").containsAll(secondEvents);
    }

    private static List<String> eventIdentifiersOf(JdbcTemplate jdbc, String sessionId) {
        return jdbc.queryForList("select event_identifier from domain_event_entry where aggregate_identifier = ?"
                + " order by sequence_number", String.class, sessionId);
    }
}
