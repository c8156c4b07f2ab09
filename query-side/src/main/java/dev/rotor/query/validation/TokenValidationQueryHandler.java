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
        return check(query.accessToken(), clock.instant()).response();
    }

    /** The verdict on an access token, with its signed facts when the signature and claims held. */
    record Checked(VerifiedAccessToken token, TokenValidationResponse response) {
    }

    /** The one rule for access tokens: {@code /me}, every bearer endpoint and introspection apply it. */
    Checked check(String accessToken, Instant now) {
        VerifiedAccessToken token;
        try {
            token = verifier.verify(accessToken, now);
        } catch (RejectedTokenException e) {
            return new Checked(null, TokenValidationResponse.invalid(e.getMessage()));
        }
        SessionRow session = sessions.session(token.sessionId()).orElse(null);
        if (session == null || !session.userId().equals(token.userId())) {
            return new Checked(token, TokenValidationResponse.invalid("unknown session"));
        }
        TokenValidationResponse refusal = refusal(session, now);
        if (refusal != null) {
            return new Checked(token, refusal);
        }
        return new Checked(token, TokenValidationResponse.valid(new AuthenticatedCaller(token.userId(), token.email(),
                token.roles(), token.sessionId(), token.amr())));
    }

    /**
     * The session half of the rule, which a refresh token's session must pass too: active, unexpired
     * and not left behind by a rotation. Null when the session may be used now.
     */
    TokenValidationResponse refusal(SessionRow session, Instant now) {
        if (!session.isActiveAt(now)) {
            return TokenValidationResponse.invalid("session inactive");
        }
        TokenVersionFloor floor = floors.floorFor(session.userId());
        TokenVersionVerdict verdict = floor.judge(session.userVersion(), session.globalVersion(), now);
        if (!verdict.accepted()) {
            return TokenValidationResponse.refusedForVersion("token version " + verdict.name().toLowerCase(Locale.ROOT),
                    session.sessionId(), floor);
        }
        return null;
    }
}
