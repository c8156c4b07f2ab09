package dev.rotor.query.validation;

import dev.rotor.kernel.token.TokenValidationResponse;
import dev.rotor.kernel.token.TokenValidationResponse.AuthenticatedCaller;
import dev.rotor.kernel.token.TokenVersionFloor;
import dev.rotor.kernel.token.TokenVersionVerdict;
import dev.rotor.kernel.token.ValidateAccessTokenQuery;
import dev.rotor.query.session.SessionProjection;
import dev.rotor.query.session.SessionRow;
import dev.rotor.query.token.AccessTokenVerifier;
import dev.rotor.query.token.AccessTokenVerifier.RejectedTokenException;
import dev.rotor.query.token.AccessTokenVerifier.VerifiedAccessToken;
import dev.rotor.query.token.TokenFloorProjection;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import org.axonframework.queryhandling.QueryHandler;

/**
 * The canonical token check: signature and claims (once per token), then the session and the
 * token version rule against the read model (every time). It answers and changes nothing.
 */
public class TokenValidationQueryHandler {

    private final AccessTokenVerifier verifier;
    private final SessionProjection sessions;
    private final TokenFloorProjection floors;
    private final Clock clock;

    public TokenValidationQueryHandler(AccessTokenVerifier verifier, SessionProjection sessions,
                                       TokenFloorProjection floors, Clock clock) {
        this.verifier = verifier;
        this.sessions = sessions;
        this.floors = floors;
        this.clock = clock;
    }

    @QueryHandler
    public TokenValidationResponse handle(ValidateAccessTokenQuery query) {
        Instant now = clock.instant();
        VerifiedAccessToken token;
        try {
            token = verifier.verify(query.accessToken(), now);
        } catch (RejectedTokenException e) {
            return TokenValidationResponse.invalid(e.getMessage());
        }
        SessionRow session = sessions.session(token.sessionId()).orElse(null);
        if (session == null || !session.userId().equals(token.userId())) {
            return TokenValidationResponse.invalid("unknown session");
        }
        if (!session.isActiveAt(now)) {
            return TokenValidationResponse.invalid("session inactive");
        }
        TokenVersionFloor floor = floors.floorFor(session.userId());
        TokenVersionVerdict verdict = floor.judge(session.userVersion(), session.globalVersion(), now);
        if (!verdict.accepted()) {
            return TokenValidationResponse.refusedForVersion("token version " + verdict.name().toLowerCase(Locale.ROOT),
                    session.sessionId(), floor);
        }
        return TokenValidationResponse.valid(new AuthenticatedCaller(token.userId(), token.email(), token.roles(),
                token.sessionId(), token.amr()));
    }
}
