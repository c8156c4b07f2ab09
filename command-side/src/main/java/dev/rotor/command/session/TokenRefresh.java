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
    private final RefreshMetrics metrics;

    TokenRefresh(CommandGateway commands, RefreshTokenLookup refreshTokens, TokenFloorLedger floors,
                 RefreshTokenCodec codec, AccessTokenIssuer issuer, RefreshMetrics metrics) {
        this.commands = commands;
        this.refreshTokens = refreshTokens;
        this.floors = floors;
        this.codec = codec;
        this.issuer = issuer;
        this.metrics = metrics;
    }

    public TokenResponse refresh(String refreshToken, ClientInfo client) {
        if (!RefreshTokenCodec.isWellFormed(refreshToken)) {
            metrics.unknownToken();
            throw invalidGrant();
        }
        String presentedHash = codec.hash(refreshToken);
        RefreshTokenLookup.Owner owner;
        try {
            owner = refreshTokens.ownerOf(presentedHash).orElse(null);
        } catch (RuntimeException failure) {
            metrics.failed();
            throw failure;
        }
        if (owner == null) {
            metrics.unknownToken();
            throw invalidGrant();
        }
        String successor = codec.successorOf(refreshToken);
        RefreshResult result;
        try {
            result = commands.sendAndWait(new RefreshSessionCommand(owner.sessionId(), presentedHash,
                    codec.hash(successor), floors.floorFor(owner.userId()), client.ip(), client.userAgent()));
        } catch (RotorException refusal) {
            if (refusal.errorCode() == ErrorCode.INVALID_GRANT) {
                metrics.decided(null);
            } else {
                metrics.failed();
            }
            throw refusal;
        } catch (RuntimeException failure) {
            metrics.failed();
            throw failure;
        }
        metrics.decided(result);
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
