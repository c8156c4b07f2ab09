package dev.rotor.app.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * Reads an event stored before a field was added to it as the new revision, with that field
 * {@code null}: the value cannot be derived from the old event alone, so its readers must
 * accept its absence.
 */
abstract class FieldAddedUpcaster extends SingleEventUpcaster {

    private final SimpleSerializedType from;
    private final SimpleSerializedType to;
    private final String field;

    FieldAddedUpcaster(Class<?> event, String fromRevision, String toRevision, String field) {
        this.from = new SimpleSerializedType(event.getName(), fromRevision);
        this.to = new SimpleSerializedType(event.getName(), toRevision);
        this.field = field;
    }

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return from.equals(representation.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(to, JsonNode.class, payload -> {
            ObjectNode event = ((ObjectNode) payload).deepCopy();
            if (!event.has(field)) {
                event.putNull(field);
            }
            return event;
        });
    }
}
