package dev.rotor.kernel.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Who may keep event-changed state in memory: only the sole writer of a database. */
class SingleWriterTest {

    @ParameterizedTest
    @ValueSource(strings = {"jdbc:h2:file:./data/rotor", "jdbc:h2:./data/rotor", "jdbc:h2:mem:x",
            "jdbc:h2:file:/tmp/r;AUTO_SERVER=FALSE", "jdbc:h2:file:/tmp/r;auto_server=no;MODE=PostgreSQL",
            "JDBC:H2:file:/tmp/r;DB_CLOSE_DELAY=-1"})
    void aPrivateEmbeddedH2IsTheOnlyWriter(String url) {
        assertThat(SingleWriter.decide("auto", url)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdbc:postgresql://db/rotor", "jdbc:h2:tcp://localhost/rotor", "jdbc:h2:ssl://h/rotor",
            "jdbc:h2:file:/tmp/r;AUTO_SERVER=TRUE", "jdbc:h2:file:/tmp/r;auto_server=yes",
            "jdbc:h2:file:/tmp/r;AUTO_SERVER=1", "jdbc:h2:file:/tmp/r; Auto_Server = t",
            "jdbc:h2:file:/tmp/r;AUTO_SERVER=ON", "jdbc:h2:file:/tmp/r;AUTO_SERVER=maybe",
            "jdbc:h2:file:/tmp/r;AUTO_SERVER", ""})
    void anythingOtherProcessesMayOpenIsShared(String url) {
        assertThat(SingleWriter.decide("auto", url)).isFalse();
    }

    @Test
    void anExplicitSettingWinsAndNonsenseIsRefused() {
        assertThat(SingleWriter.decide("true", "jdbc:postgresql://db/rotor")).isTrue();
        assertThat(SingleWriter.decide(" FALSE ", "jdbc:h2:mem:x")).isFalse();
        assertThatThrownBy(() -> SingleWriter.decide("sometimes", "jdbc:h2:mem:x"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
