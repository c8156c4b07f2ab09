package dev.rotor.command.web;

import dev.rotor.command.account.AccountCommands;
import dev.rotor.command.account.MfaEnrolment;
import dev.rotor.command.session.SessionCommands;
import dev.rotor.command.token.RotationProperties;
import dev.rotor.command.web.CommandRequests.CreateUserRequest;
import dev.rotor.command.web.CommandRequests.GlobalRotationRequest;
import dev.rotor.command.web.CommandRequests.MfaResetRequest;
import dev.rotor.command.web.CommandRequests.UserRotationRequest;
import dev.rotor.kernel.session.RevocationReasons;
import dev.rotor.kernel.token.GlobalRotationResult;
import dev.rotor.kernel.token.TokenPolicyIds;
import dev.rotor.kernel.token.TokenValidationResponse.AuthenticatedCaller;
import dev.rotor.kernel.token.TriggerGlobalTokenRotationCommand;
import dev.rotor.kernel.token.UserRotationResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Admin commands. The bearer filter has already required role {@code admin} on this path. */
@RestController
@RequestMapping("/api/v1/admin")
@Tag(name = "Admin", description = "Users, sessions and token rotations (role admin)")
public class AdminCommandController {

    private final AccountCommands accounts;
    private final SessionCommands sessions;
    private final CommandGateway commands;
    private final RotationProperties rotation;
    private final MfaEnrolment mfa;

    public AdminCommandController(AccountCommands accounts, SessionCommands sessions, CommandGateway commands,
                                  RotationProperties rotation, MfaEnrolment mfa) {
        this.mfa = mfa;
        this.accounts = accounts;
        this.sessions = sessions;
        this.commands = commands;
        this.rotation = rotation;
    }

    @Operation(summary = "Create a user", description = "Answers {user_id} with Location of the new user.")
    @ApiResponse(responseCode = "201", description = "Created: {user_id}")
    @ApiResponse(responseCode = "409", description = "email_taken")
    @PostMapping("/users")
    public ResponseEntity<Map<String, String>> createUser(
            @RequestAttribute(AuthenticatedCaller.REQUEST_ATTRIBUTE) AuthenticatedCaller caller,
            @Valid @RequestBody CreateUserRequest body) {
        List<String> roles = body.roles() == null ? List.of() : body.roles();
        String userId = accounts.register(body.email(), body.password(), roles, caller.userId());
        return ResponseEntity.created(URI.create("/api/v1/admin/users/" + userId)).body(Map.of("user_id", userId));
    }

    @Operation(summary = "Global token rotation", description = "Raises the global minimum token version: sessions "
            + "one version below keep working for grace_period_seconds (default from configuration), older ones "
            + "fail at once.")
    @ApiResponse(responseCode = "200", description = "The previous and new global version and the grace period")
    @PostMapping("/rotations/global")
    public GlobalRotationResult rotateGlobal(
            @RequestAttribute(AuthenticatedCaller.REQUEST_ATTRIBUTE) AuthenticatedCaller caller,
            @Valid @RequestBody GlobalRotationRequest body) {
        long grace = body.gracePeriodSeconds() != null ? body.gracePeriodSeconds()
                : rotation.defaultGracePeriod().toSeconds();
        // One request id per request, the same on every retry of the gateway: a rotation whose
        // commit succeeded but whose answer was lost is answered, not applied a second time.
        return commands.sendAndWait(new TriggerGlobalTokenRotationCommand(TokenPolicyIds.GLOBAL, caller.userId(),
                body.reason(), grace, UUID.randomUUID().toString()));
    }

    @Operation(summary = "Rotate one user's tokens", description = "Raises the user's minimum token version: "
            + "every older token of the user fails at once.")
    @ApiResponse(responseCode = "200", description = "The user's previous and new token version")
    @ApiResponse(responseCode = "404", description = "not_found: unknown user")
    @PostMapping("/rotations/users/{userId}")
    public UserRotationResult rotateUser(
            @RequestAttribute(AuthenticatedCaller.REQUEST_ATTRIBUTE) AuthenticatedCaller caller,
            @PathVariable String userId, @Valid @RequestBody UserRotationRequest body) {
        return accounts.rotateUser(userId, caller.userId(), body.reason());
    }

    @Operation(summary = "Unlock a user", description = "Ends the lockout and resets the failure count.")
    @ApiResponse(responseCode = "204", description = "Unlocked")
    @ApiResponse(responseCode = "404", description = "not_found: unknown user")
    @PostMapping("/users/{userId}/unlock")
    public ResponseEntity<Void> unlock(
            @RequestAttribute(AuthenticatedCaller.REQUEST_ATTRIBUTE) AuthenticatedCaller caller,
            @PathVariable String userId) {
        accounts.unlock(userId, caller.userId());
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Reset a user's MFA", description = "MFA off for that user, with the reason in the audit.")
    @ApiResponse(responseCode = "204", description = "MFA is off")
    @ApiResponse(responseCode = "404", description = "not_found: unknown user")
    @PostMapping("/users/{userId}/mfa/reset")
    public ResponseEntity<Void> resetMfa(
            @RequestAttribute(AuthenticatedCaller.REQUEST_ATTRIBUTE) AuthenticatedCaller caller,
            @PathVariable String userId, @Valid @RequestBody MfaResetRequest body) {
        mfa.reset(userId, caller.userId(), body.reason());
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Revoke a session", description = "Its access and refresh tokens stop working at once.")
    @ApiResponse(responseCode = "204", description = "Revoked (also when it already was)")
    @DeleteMapping("/sessions/{sessionId}")
    public ResponseEntity<Void> revokeSession(
            @RequestAttribute(AuthenticatedCaller.REQUEST_ATTRIBUTE) AuthenticatedCaller caller,
            @PathVariable String sessionId) {
        sessions.revoke(sessionId, null, RevocationReasons.ADMIN_REVOKED, caller.userId());
        return ResponseEntity.noContent().build();
    }
}
