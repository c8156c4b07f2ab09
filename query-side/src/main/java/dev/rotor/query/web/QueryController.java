package dev.rotor.query.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.rotor.kernel.account.FindUserQuery;
import dev.rotor.kernel.account.UserSummary;
import dev.rotor.kernel.common.ErrorCode;
import dev.rotor.kernel.common.RotorException;
import dev.rotor.kernel.session.FindActiveSessionsByUserQuery;
import dev.rotor.kernel.session.SessionSummary;
import dev.rotor.kernel.session.SessionSummaryList;
import dev.rotor.kernel.token.TokenValidationResponse.AuthenticatedCaller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RestController;

/** Read endpoints for the caller and for admins. The bearer filter has validated the token already. */
@RestController
@Tag(name = "Tokens and sessions", description = "Who the caller is, and active sessions")
public class QueryController {

    private final QueryGateway queries;

    public QueryController(QueryGateway queries) {
        this.queries = queries;
    }

    public record MeResponse(
            @JsonProperty("user_id") String userId,
            @JsonProperty("email") String email,
            @JsonProperty("roles") List<String> roles,
            @JsonProperty("session_id") String sessionId,
            @JsonProperty("amr") List<String> amr) {
    }

    @Operation(summary = "Who the token belongs to", description = "The canonical token check: the token is "
            + "validated against the read model (session active, token version in force).")
    @ApiResponse(responseCode = "200", description = "The caller")
    @GetMapping("/api/v1/me")
    public MeResponse me(@RequestAttribute(AuthenticatedCaller.REQUEST_ATTRIBUTE) AuthenticatedCaller caller) {
        return new MeResponse(caller.userId(), caller.email(), caller.roles(), caller.sessionId(), caller.amr());
    }

    @Operation(summary = "The caller's active sessions", description = "current marks the session of this token.")
    @ApiResponse(responseCode = "200", description = "Active sessions")
    @GetMapping("/api/v1/me/sessions")
    public List<SessionSummary> mySessions(
            @RequestAttribute(AuthenticatedCaller.REQUEST_ATTRIBUTE) AuthenticatedCaller caller) {
        return sessionsOf(caller.userId(), caller.sessionId());
    }

    @Operation(summary = "A user", description = "Roles, MFA, lockout and minimum token version.")
    @ApiResponse(responseCode = "200", description = "The user")
    @ApiResponse(responseCode = "404", description = "not_found: unknown user")
    @GetMapping("/api/v1/admin/users/{userId}")
    public UserSummary user(@PathVariable String userId) {
        UserSummary user = queries.query(new FindUserQuery(userId), ResponseTypes.instanceOf(UserSummary.class)).join();
        if (user == null) {
            throw new RotorException(ErrorCode.NOT_FOUND, "no such user");
        }
        return user;
    }

    @Operation(summary = "A user's active sessions")
    @ApiResponse(responseCode = "200", description = "Active sessions")
    @ApiResponse(responseCode = "404", description = "not_found: unknown user")
    @GetMapping("/api/v1/admin/users/{userId}/sessions")
    public List<SessionSummary> userSessions(
            @RequestAttribute(AuthenticatedCaller.REQUEST_ATTRIBUTE) AuthenticatedCaller caller,
            @PathVariable String userId) {
        user(userId); // an id that names no user is 404, not an empty list
        return sessionsOf(userId, caller.sessionId());
    }

    private List<SessionSummary> sessionsOf(String userId, String currentSessionId) {
        return queries.query(new FindActiveSessionsByUserQuery(userId, currentSessionId),
                ResponseTypes.instanceOf(SessionSummaryList.class)).join().sessions();
    }
}
