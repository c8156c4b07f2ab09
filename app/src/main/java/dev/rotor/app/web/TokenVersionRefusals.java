package dev.rotor.app.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.rotor.kernel.session.RecordTokenVersionRefusalCommand;
import dev.rotor.kernel.token.TokenVersionFloor;
import java.time.Duration;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Tells a session, once, that validation refused one of its access tokens for its token version,
 * so the audit shows why the user was logged out. The bearer filter received that verdict, so it
 * records it (the validation query itself changes nothing). Sent without waiting: requests never
 * slow down for it. The session itself ignores repeats; this memory only spares the command bus a
 * loop of replays of one old token.
 */
@Component
public class TokenVersionRefusals {

    private static final Logger log = LoggerFactory.getLogger(TokenVersionRefusals.class);

    private final CommandGateway commands;
    private final Cache<String, Boolean> reported = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(Duration.ofHours(1))
            .build();

    public TokenVersionRefusals(CommandGateway commands) {
        this.commands = commands;
    }

    public void report(String sessionId, TokenVersionFloor floor) {
        if (reported.asMap().putIfAbsent(sessionId, Boolean.TRUE) != null) {
            return;
        }
        commands.send(new RecordTokenVersionRefusalCommand(sessionId, floor)).exceptionally(failure -> {
            reported.invalidate(sessionId);
            log.warn("Could not record the token version refusal of session {}: {}", sessionId, failure.toString());
            return null;
        });
    }
}
