package dev.rotor.command.support;

import dev.rotor.command.account.EmailLookupEntry;
import dev.rotor.command.account.EmailLookupRepository;
import dev.rotor.command.session.RefreshTokenLookupEntry;
import dev.rotor.command.session.RefreshTokenLookupRepository;
import dev.rotor.command.token.TokenFloorEntry;
import dev.rotor.command.token.TokenFloorLedger;
import dev.rotor.command.token.TokenFloorRepository;
import dev.rotor.kernel.account.UserRegisteredEvent;
import dev.rotor.kernel.session.RefreshTokenRotatedEvent;
import dev.rotor.kernel.session.SessionIssuedEvent;
import dev.rotor.kernel.token.RotationScope;
import dev.rotor.kernel.token.TokenPolicyIds;
import dev.rotor.kernel.token.TokenRotatedEvent;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.stereotype.Component;

/**
 * Keeps the command side's set-based lookups. Runs in a subscribing processing group, inside the
 * transaction that appends the event, so a lookup row exists exactly when its event does; a
 * duplicate email fails the insert and with it the whole registration.
 */
@Component
@ProcessingGroup(CommandLookupProjector.GROUP)
public class CommandLookupProjector {

    public static final String GROUP = "command-lookups";

    private final EmailLookupRepository emails;
    private final RefreshTokenLookupRepository refreshTokens;
    private final TokenFloorRepository floors;

    public CommandLookupProjector(EmailLookupRepository emails, RefreshTokenLookupRepository refreshTokens,
                                  TokenFloorRepository floors) {
        this.emails = emails;
        this.refreshTokens = refreshTokens;
        this.floors = floors;
    }

    @EventHandler
    public void on(UserRegisteredEvent event) {
        if (emails.existsById(event.email())) {
            throw new IllegalStateException("email already registered to another account");
        }
        emails.saveAndFlush(new EmailLookupEntry(event.email(), event.userId()));
    }

    @EventHandler
    public void on(SessionIssuedEvent event) {
        refreshTokens.save(new RefreshTokenLookupEntry(event.refreshTokenHash(), event.sessionId(), event.userId()));
    }

    @EventHandler
    public void on(RefreshTokenRotatedEvent event) {
        String userId = refreshTokens.findById(event.previousTokenHash())
                .map(RefreshTokenLookupEntry::getUserId)
                .orElse("unknown");
        refreshTokens.save(new RefreshTokenLookupEntry(event.newTokenHash(), event.sessionId(), userId));
    }

    @EventHandler
    public void on(TokenRotatedEvent event) {
        String key = event.scope() == RotationScope.GLOBAL ? TokenPolicyIds.GLOBAL : TokenFloorLedger.userKey(event.aggregateId());
        Instant graceUntil = event.graceUntil();
        TokenFloorEntry entry = floors.findById(key).orElse(null);
        if (entry == null) {
            floors.save(new TokenFloorEntry(key, event.newVersion(), graceUntil));
        } else {
            entry.raise(event.newVersion(), graceUntil);
            floors.save(entry);
        }
    }

    @ResetHandler
    public void reset() {
        emails.deleteAllInBatch();
        refreshTokens.deleteAllInBatch();
        floors.deleteAllInBatch();
    }
}
