package dev.rotor.query.token;

import dev.rotor.kernel.token.TokenValidationResponse;
import dev.rotor.kernel.token.TokenValidationResponse.AuthenticatedCaller;
import dev.rotor.kernel.token.TokenVersionFloor;
import dev.rotor.kernel.token.TokenVersionVerdict;
import dev.rotor.kernel.token.ValidateAccessTokenQuery;
import dev.rotor.query.token.AccessTokenVerifier.RejectedTokenException;
import dev.rotor.query.token.AccessTokenVerifier.VerifiedAccessToken;
import dev.rotor.query.token.ValidationState.SessionSnapshot;
import java.time.Clock;
import java.time.Instant;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/**
 * The canonical token check: signature and claims (once per token), then the session and the
 * token version rule against the read model (every time).
 */
@Component
public class TokenValidationQueryHandler {

    private final AccessTokenVerifier verifier;
    private final ValidationState state;
    private final Clock clock;
    private final TokenVersionRefusals refusals;

    public TokenValidationQueryHandler(AccessTokenVerifier verifier, ValidationState state, Clock clock,
                                       TokenVersionRefusals refusals) {
        this.verifier = verifier;
        this.state = state;
        this.clock = clock;
        this.refusals = refusals;
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
        SessionSnapshot session = state.session(token.sessionId()).orElse(null);
        if (session == null || !session.userId().equals(token.userId())) {
            return TokenValidationResponse.invalid("unknown session");
        }
        if (!session.activeAt(now)) {
            return TokenValidationResponse.invalid("session inactive");
        }
        TokenVersionFloor floor = state.floorFor(session.userId());
        TokenVersionVerdict verdict = floor.judge(session.userVersion(), session.globalVersion(), now);
        if (!verdict.accepted()) {
            refusals.report(session.sessionId(), floor);
            return TokenValidationResponse.invalid("token version " + verdict.name().toLowerCase());
        }
        return TokenValidationResponse.valid(new AuthenticatedCaller(token.userId(), token.email(), token.roles(),
                token.sessionId(), token.amr()));
    }
}
