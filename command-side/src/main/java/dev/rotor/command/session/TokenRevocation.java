package dev.rotor.command.session;

import dev.rotor.kernel.common.ErrorCode;
import dev.rotor.kernel.common.RotorException;
import dev.rotor.kernel.session.RefreshTokens;
import dev.rotor.kernel.session.RevocationReasons;
import dev.rotor.kernel.token.TokenValidationResponse;
import dev.rotor.kernel.token.ValidateAccessTokenQuery;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Service;

/**
 * Token revocation (RFC 7009): a refresh or access token of an active session revokes that
 * session, so both tokens stop working at once. A token that names no active session is quietly
 * ignored: whoever holds a token may end it, and nobody learns anything from the answer.
 *
 * <p>A refresh token finds its session through the command side's lookup, which knows every token
 * the session ever had: a rotated-out one revokes the session too, as presenting it for a refresh
 * would (reuse). An access token is judged by the query side, exactly as a bearer token is.
 */
@Service
public class TokenRevocation {

    private final RefreshTokenLookup refreshTokens;
    private final SessionCommands sessions;
    private final QueryGateway queries;

    public TokenRevocation(RefreshTokenLookup refreshTokens, SessionCommands sessions, QueryGateway queries) {
        this.refreshTokens = refreshTokens;
        this.sessions = sessions;
        this.queries = queries;
    }

    public void revoke(String token) {
        if (RefreshTokens.isWellFormed(token)) {
            refreshTokens.ownerOf(RefreshTokens.hash(token))
                    .ifPresent(owner -> revokeSession(owner.sessionId(), owner.userId()));
            return;
        }
        TokenValidationResponse validation = queries.query(new ValidateAccessTokenQuery(token),
                TokenValidationResponse.class).join();
        if (validation != null && validation.valid()) {
            revokeSession(validation.caller().sessionId(), validation.caller().userId());
        }
    }

    private void revokeSession(String sessionId, String userId) {
        try {
            sessions.revoke(sessionId, userId, RevocationReasons.TOKEN_REVOKED, userId);
        } catch (RotorException e) {
            if (e.errorCode() != ErrorCode.NOT_FOUND) {
                throw e;
            }
            // A session that is not there any more: nothing to revoke.
        }
    }
}
