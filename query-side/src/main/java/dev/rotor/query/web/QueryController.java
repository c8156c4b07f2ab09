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
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/** Read endpoints for the caller and for admins. The bearer filter has validated the token already. */
@RestController
@Tag(name = "Tokens and sessions", description = "Who the caller is, and active sessions")
public class QueryController {

    private final QueryGateway queries;
    private final ObjectWriter me;

    public QueryController(QueryGateway queries, JsonMapper json) {
        this.queries = queries;
        this.me = json.writerFor(MeResponse.class);
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
    @ApiResponse(responseCode = "200", description = "The caller",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = MeResponse.class)))
    @GetMapping(value = "/api/v1/me", produces = MediaType.APPLICATION_JSON_VALUE)
    public void me(@RequestAttribute(AuthenticatedCaller.REQUEST_ATTRIBUTE) AuthenticatedCaller caller,
                   HttpServletResponse response) throws IOException {
        // Every client's token check: written here with the application's JSON mapper rather than
        // handed to Spring MVC's return value handling, whose converter and media type selection
        // cost more than the JSON itself. The mapping's produces still answers 406 to an Accept
        // without JSON.
        byte[] body = me.writeValueAsBytes(
                new MeResponse(caller.userId(), caller.email(), caller.roles(), caller.sessionId(), caller.amr()));
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
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
