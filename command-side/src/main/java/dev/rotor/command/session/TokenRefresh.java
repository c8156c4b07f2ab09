package dev.rotor.command.session;

import dev.rotor.command.account.ClientInfo;
import dev.rotor.command.token.TokenFloorLedger;
import dev.rotor.kernel.common.ErrorCode;
import dev.rotor.kernel.common.RotorException;
import dev.rotor.kernel.session.RefreshResult;
import dev.rotor.kernel.session.RefreshSessionCommand;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

/**
 * Refresh: the presented token's hash finds its session, the session decides (rotate, answer a
 * racing client within the leeway, or detect reuse), and a decision to go on becomes new tokens.
 */
@Component
public class TokenRefresh {

    private final CommandGateway commands;
    private final RefreshTokenLookup refreshTokens;
    private final TokenFloorLedger floors;
    private final RefreshTokenCodec codec;
    private final AccessTokenIssuer issuer;

    public TokenRefresh(CommandGateway commands, RefreshTokenLookup refreshTokens, TokenFloorLedger floors,
                        RefreshTokenCodec codec, AccessTokenIssuer issuer) {
        this.commands = commands;
        this.refreshTokens = refreshTokens;
        this.floors = floors;
        this.codec = codec;
        this.issuer = issuer;
    }

    public TokenResponse refresh(String refreshToken, ClientInfo client) {
        if (!RefreshTokenCodec.isWellFormed(refreshToken)) {
            throw invalidGrant();
        }
        String presentedHash = codec.hash(refreshToken);
        RefreshTokenLookup.Owner owner = refreshTokens.ownerOf(presentedHash).orElseThrow(TokenRefresh::invalidGrant);
        String successor = codec.successorOf(refreshToken);
        RefreshResult result = commands.sendAndWait(new RefreshSessionCommand(owner.sessionId(), presentedHash,
                codec.hash(successor), floors.floorFor(owner.userId()), client.ip(), client.userAgent()));
        if (result == null || !result.succeeded()) {
            throw invalidGrant();
        }
        long refreshExpiresIn = Math.max(0, Duration.between(Instant.now(), result.idleExpiresAt()).toSeconds());
        return TokenResponse.of(issuer.issue(result.userId(), result.email(), result.roles(), result.sessionId(),
                result.amr(), result.userVersion()), successor, result.idleExpiresAt(), refreshExpiresIn,
                result.sessionId());
    }

    private static RotorException invalidGrant() {
        return new RotorException(ErrorCode.INVALID_GRANT, "refresh token is invalid, expired or revoked");
    }
}
