package dev.rotor.app.events;

import dev.rotor.kernel.token.TokenRotatedEvent;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * {@link TokenRotatedEvent} revision 1 (stored before rotations carried the id of the request that
 * asked for them) read as revision 2 with {@code requestId} null: no retry can name those
 * rotations any more, so the aggregates simply do not remember them as requests.
 */
@Component
@Order(1)
public class TokenRotatedUpcaster extends FieldAddedUpcaster {

    public TokenRotatedUpcaster() {
        super(TokenRotatedEvent.class, "1", "2", "requestId");
    }
}
