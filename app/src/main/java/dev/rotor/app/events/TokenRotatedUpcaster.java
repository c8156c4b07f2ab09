package dev.rotor.app.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rotor.kernel.token.TokenRotatedEvent;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * {@link TokenRotatedEvent} revision 1 (stored before rotations carried the id of the request that
 * asked for them) read as revision 2 with {@code requestId} null: no retry can name those
 * rotations any more, so the aggregates simply do not remember them as requests.
 */
@Component
@Order(1)
public class TokenRotatedUpcaster extends SingleEventUpcaster {

    private static final SimpleSerializedType REVISION_1 =
            new SimpleSerializedType(TokenRotatedEvent.class.getName(), "1");
    private static final String REVISION_2 = "2";

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return REVISION_1.equals(representation.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(
                new SimpleSerializedType(TokenRotatedEvent.class.getName(), REVISION_2), JsonNode.class,
                payload -> {
                    ObjectNode event = ((ObjectNode) payload).deepCopy();
                    if (!event.has("requestId")) {
                        event.putNull("requestId");
                    }
                    return event;
                });
    }
}
