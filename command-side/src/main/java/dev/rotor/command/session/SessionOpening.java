package dev.rotor.command.session;

import dev.rotor.command.account.ClientInfo;
import dev.rotor.command.token.TokenFloorLedger;
import dev.rotor.kernel.common.TimeOrderedIds;
import dev.rotor.kernel.session.IssueSessionCommand;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

/**
 * Opens a session for a user whose credentials were just proven (password, second factor, or a
 * password change): the session is stamped with the token versions in force now, and answers
 * its first access and refresh tokens.
 */
@Component
public class SessionOpening {

    private final CommandGateway commands;
    private final RefreshTokenCodec codec;
    private final TokenFloorLedger floors;
    private final AccessTokenIssuer issuer;
    private final SessionPolicy policy;

    public SessionOpening(CommandGateway commands, RefreshTokenCodec codec, TokenFloorLedger floors,
                          AccessTokenIssuer issuer, SessionPolicy policy) {
        this.commands = commands;
        this.codec = codec;
        this.floors = floors;
        this.issuer = issuer;
        this.policy = policy;
    }

    public TokenResponse open(String userId, String email, List<String> roles, List<String> amr, long userVersion,
                              ClientInfo client) {
        String sessionId = TimeOrderedIds.next();
        String refreshToken = codec.generate();
        long globalVersion = floors.globalMinVersion();
        Instant now = Instant.now();
        commands.sendAndWait(new IssueSessionCommand(sessionId, userId, email, roles, amr, userVersion, globalVersion,
                codec.hash(refreshToken), client.userAgent(), client.ip()));
        Duration lifetime = policy.idleTimeout().compareTo(policy.absoluteLifetime()) <= 0 ? policy.idleTimeout()
                : policy.absoluteLifetime();
        return TokenResponse.of(issuer.issue(userId, email, roles, sessionId, amr, userVersion), refreshToken,
                now.plus(lifetime), lifetime.toSeconds(), sessionId);
    }
}
