package dev.rotor.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rotor.app.config.AxonConfiguration;
import dev.rotor.command.account.RecentRotations;
import dev.rotor.kernel.token.RotationScope;
import dev.rotor.kernel.token.TokenRotatedEvent;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The request memory of TokenPolicy and UserAccount is part of their snapshots (UserAccount is
 * snapshotted): through Axon's mapper it must come back whole, or a retry that loads the user from
 * a snapshot would rotate a second time.
 */
class RecentRotationsSnapshotTest {

    private static final Instant T = Instant.parse("2026-03-01T10:00:00.123Z");
    private final ObjectMapper mapper = new AxonConfiguration().defaultAxonObjectMapper();

    @Test
    void theRememberedRequestsSurviveASnapshot() throws Exception {
        RecentRotations memory = new RecentRotations();
        TokenRotatedEvent first = new TokenRotatedEvent("u", RotationScope.USER, 1, 2, 0, T, "u", "logout_everywhere",
                "r-1");
        TokenRotatedEvent second = new TokenRotatedEvent("u", RotationScope.USER, 2, 3, 0, T, "admin", "drill", "r-2");
        memory.remember(first);
        memory.remember(second);

        RecentRotations read = mapper.readValue(mapper.writeValueAsString(memory), RecentRotations.class);

        assertThat(read.of("r-1")).contains(first);
        assertThat(read.of("r-2")).contains(second);
        assertThat(read.of("r-3")).isEmpty();
    }

    @Test
    void theMemoryStaysBoundedAfterASnapshot() throws Exception {
        RecentRotations memory = new RecentRotations();
        for (int i = 0; i < RecentRotations.REMEMBERED; i++) {
            memory.remember(new TokenRotatedEvent("u", RotationScope.USER, i + 1, i + 2, 0, T, "u", "r", "r-" + i));
        }
        RecentRotations read = mapper.readValue(mapper.writeValueAsString(memory), RecentRotations.class);
        read.remember(new TokenRotatedEvent("u", RotationScope.USER, 101, 102, 0, T, "u", "r", "r-new"));

        assertThat(read.of("r-0")).as("the oldest is forgotten").isEmpty();
        assertThat(read.of("r-1")).isPresent();
        assertThat(read.of("r-new")).isPresent();
    }
}
