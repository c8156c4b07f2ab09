package dev.rotor.kernel.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.axonframework.common.IdentifierFactory;
import org.junit.jupiter.api.Test;

class TimeOrderedIdsTest {

    @Test
    void anIdentifierIsAVersion7UuidCarryingItsMillisecond() {
        long millis = 1_796_000_000_123L;
        UUID id = TimeOrderedIds.at(millis);

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).as("RFC 9562 variant").isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(millis);
        assertThat(UUID.fromString(id.toString())).isEqualTo(id);
    }

    @Test
    void theTextOfLaterIdentifiersSortsAfterEarlierOnes() {
        // Keys are stored as text: its order must be the order of creation, millisecond by millisecond.
        List<String> ids = new ArrayList<>();
        for (long millis = 1_700_000_000_000L; millis < 1_700_000_000_000L + 2_000; millis += 7) {
            ids.add(TimeOrderedIds.at(millis).toString());
        }
        assertThat(ids).isSorted();
    }

    @Test
    void identifiersMadeInOneMillisecondStillDiffer() {
        Set<UUID> ids = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            ids.add(TimeOrderedIds.at(1_700_000_000_000L));
        }
        assertThat(ids).hasSize(100_000);
    }

    @Test
    void axonMakesItsMessageIdentifiersHere() {
        assertThat(IdentifierFactory.getInstance()).isInstanceOf(TimeOrderedIdentifierFactory.class);
        String id = IdentifierFactory.getInstance().generateIdentifier();
        assertThat(UUID.fromString(id).version()).isEqualTo(7);
        assertThat(UUID.fromString(id).getMostSignificantBits() >>> 16)
                .isCloseTo(System.currentTimeMillis(), org.assertj.core.data.Offset.offset(60_000L));
    }
}
