package dev.rotor.command.account;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import dev.rotor.kernel.token.TokenRotatedEvent;
import java.util.LinkedHashMap;
import java.util.Optional;

/**
 * The last {@link #REMEMBERED} rotations of one aggregate that a request named, by request id.
 * Rebuilt from the {@link TokenRotatedEvent}s (and kept in snapshots), so a command retried after
 * its commit did succeed (the connection died after the database had it) finds its own rotation
 * and is answered with the first result instead of raising the version a second time. Retries come
 * within a second of the first try; a hundred rotations of one aggregate in that time do not
 * happen, so forgetting older ones loses nothing.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class RecentRotations {

    public static final int REMEMBERED = 100;

    private final LinkedHashMap<String, TokenRotatedEvent> byRequestId = new LinkedHashMap<>();

    /** Called from the aggregate's event sourcing handler; a rotation without a request id is not kept. */
    public void remember(TokenRotatedEvent event) {
        if (event.requestId() == null) {
            return;
        }
        byRequestId.put(event.requestId(), event);
        while (byRequestId.size() > REMEMBERED) {
            byRequestId.remove(byRequestId.keySet().iterator().next());
        }
    }

    /** The rotation that request {@code requestId} already applied, if it is one of the remembered. */
    public Optional<TokenRotatedEvent> of(String requestId) {
        return requestId == null ? Optional.empty() : Optional.ofNullable(byRequestId.get(requestId));
    }
}
