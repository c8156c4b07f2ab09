package dev.rotor.kernel.session;

import dev.rotor.kernel.token.TokenVersionFloor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Rotate the session's refresh token. {@code presentedTokenHash} is the hash of the token the
 * client sent; {@code successorTokenHash} the hash of the token derived from it (the successor is
 * a keyed derivation of the presented token, so a racing client can be given the same one again).
 * {@code floor} is the token-version minimum in force now.
 */
public record RefreshSessionCommand(
        @TargetAggregateIdentifier String sessionId,
        String presentedTokenHash,
        String successorTokenHash,
        TokenVersionFloor floor,
        String ip,
        String userAgent) {
}
