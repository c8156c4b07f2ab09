package dev.rotor.app.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotor.app.config.AxonConfiguration;
import dev.rotor.kernel.session.RefreshTokenRotatedEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;

/** A RefreshTokenRotatedEvent stored by the previous release (revision 1, no user id) still reads. */
class RefreshTokenRotatedUpcasterTest {

    /** Written by hand in the shape revision 1 was stored in. */
    private static final String REVISION_1_JSON = """
            {"sessionId":"s-1","previousTokenHash":"h0","newTokenHash":"h1",\
            "rotatedAt":"2026-03-01T10:00:00.123Z","idleExpiresAt":"2026-03-31T10:00:00.123Z",\
            "ip":"127.0.0.1","userAgent":"curl/8"}""";

    private final JacksonSerializer serializer = JacksonSerializer.builder()
            .objectMapper(new AxonConfiguration().defaultAxonObjectMapper()).build();

    @Test
    void revisionOneReadsAsRevisionTwoWithoutAUser() {
        RefreshTokenRotatedEvent event = upcastAndRead(REVISION_1_JSON, "1");
        assertThat(event).isEqualTo(new RefreshTokenRotatedEvent("s-1", null, "h0", "h1",
                Instant.parse("2026-03-01T10:00:00.123Z"), Instant.parse("2026-03-31T10:00:00.123Z"), "127.0.0.1",
                "curl/8"));
    }

    @Test
    void revisionTwoPassesUntouched() {
        String json = REVISION_1_JSON.replace("{\"sessionId\":\"s-1\",", "{\"sessionId\":\"s-1\",\"userId\":\"u-1\",");
        assertThat(upcastAndRead(json, "2").userId()).isEqualTo("u-1");
    }

    private RefreshTokenRotatedEvent upcastAndRead(String json, String revision) {
        GenericDomainEventEntry<byte[]> entry = new GenericDomainEventEntry<>("Session", "s-1", 3, "e-1",
                Instant.parse("2026-03-01T10:00:00.123Z"), RefreshTokenRotatedEvent.class.getName(), revision,
                json.getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8));
        List<IntermediateEventRepresentation> upcast = new EventUpcasterChain(new RefreshTokenRotatedUpcaster())
                .upcast(Stream.of(new InitialEventRepresentation(entry, serializer))).toList();
        assertThat(upcast).hasSize(1);
        IntermediateEventRepresentation result = upcast.get(0);
        assertThat(result.getType().getRevision()).isEqualTo("2");
        return serializer.deserialize(new SimpleSerializedObject<>(result.getData(byte[].class).getData(), byte[].class,
                result.getType()));
    }
}
