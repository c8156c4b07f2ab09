package dev.rotor.app.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotor.app.config.AxonConfiguration;
import dev.rotor.kernel.token.RotationScope;
import dev.rotor.kernel.token.TokenRotatedEvent;
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

/** A TokenRotatedEvent stored by the previous release (revision 1, no request id) still reads. */
class TokenRotatedUpcasterTest {

    /** Written by hand in the shape revision 1 was stored in. */
    private static final String REVISION_1_JSON = """
            {"aggregateId":"global","scope":"GLOBAL","previousVersion":1,"newVersion":2,\
            "gracePeriodSeconds":300,"rotatedAt":"2026-03-01T10:00:00.123Z",\
            "triggeredBy":"0b8c1f7e-7a0d-4f5f-8c0e-6f9a2d1e3c4b","reason":"signing key leaked"}""";

    private final JacksonSerializer serializer = JacksonSerializer.builder()
            .objectMapper(new AxonConfiguration().defaultAxonObjectMapper()).build();

    @Test
    void revisionOneReadsAsRevisionTwoWithoutARequest() {
        TokenRotatedEvent event = upcastAndRead(REVISION_1_JSON, "1");
        assertThat(event).isEqualTo(new TokenRotatedEvent("global", RotationScope.GLOBAL, 1, 2, 300,
                Instant.parse("2026-03-01T10:00:00.123Z"), "0b8c1f7e-7a0d-4f5f-8c0e-6f9a2d1e3c4b",
                "signing key leaked", null));
    }

    @Test
    void revisionTwoPassesUntouched() {
        String json = REVISION_1_JSON.replace("}", ",\"requestId\":\"r-1\"}");
        assertThat(upcastAndRead(json, "2").requestId()).isEqualTo("r-1");
    }

    private TokenRotatedEvent upcastAndRead(String json, String revision) {
        GenericDomainEventEntry<byte[]> entry = new GenericDomainEventEntry<>("TokenPolicy", "global", 0, "e-1",
                Instant.parse("2026-03-01T10:00:00.123Z"), TokenRotatedEvent.class.getName(), revision,
                json.getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8));
        List<IntermediateEventRepresentation> upcast = new EventUpcasterChain(new TokenRotatedUpcaster())
                .upcast(Stream.of(new InitialEventRepresentation(entry, serializer))).toList();
        assertThat(upcast).hasSize(1);
        IntermediateEventRepresentation result = upcast.get(0);
        assertThat(result.getType().getRevision()).isEqualTo("2");
        return serializer.deserialize(new SimpleSerializedObject<>(result.getData(byte[].class).getData(), byte[].class,
                result.getType()));
    }
}
