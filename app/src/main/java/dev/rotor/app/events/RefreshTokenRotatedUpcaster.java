package dev.rotor.app.events;

import dev.rotor.kernel.session.RefreshTokenRotatedEvent;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * {@link RefreshTokenRotatedEvent} revision 1 (stored before it carried the user id) read as
 * revision 2 with {@code userId} null. The user cannot be derived from the event alone; every
 * reader takes it from the session's first event instead (the lookups and the audit index do).
 */
@Component
@Order(0)
public class RefreshTokenRotatedUpcaster extends FieldAddedUpcaster {

    public RefreshTokenRotatedUpcaster() {
        super(RefreshTokenRotatedEvent.class, "1", "2", "userId");
    }
}
