package dev.rotor.app.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rotor.kernel.session.RefreshTokenRotatedEvent;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * {@link RefreshTokenRotatedEvent} revision 1 (stored before it carried the user id) read as
 * revision 2 with {@code userId} null. The user cannot be derived from the event alone; every
 * reader takes it from the session's first event instead (the lookups and the audit index do).
 */
@Component
@Order(0)
public class RefreshTokenRotatedUpcaster extends SingleEventUpcaster {

    private static final SimpleSerializedType REVISION_1 =
            new SimpleSerializedType(RefreshTokenRotatedEvent.class.getName(), "1");
    private static final String REVISION_2 = "2";

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return REVISION_1.equals(representation.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(
                new SimpleSerializedType(RefreshTokenRotatedEvent.class.getName(), REVISION_2), JsonNode.class,
                payload -> {
                    ObjectNode event = ((ObjectNode) payload).deepCopy();
                    if (!event.has("userId")) {
                        event.putNull("userId");
                    }
                    return event;
                });
    }
}
