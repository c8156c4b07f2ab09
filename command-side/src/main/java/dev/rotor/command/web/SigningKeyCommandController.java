package dev.rotor.command.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import dev.rotor.command.web.CommandRequests.SigningKeyRotationRequest;
import dev.rotor.kernel.keys.RotateSigningKeyCommand;
import dev.rotor.kernel.keys.SigningKeyRingIds;
import dev.rotor.kernel.keys.SigningKeyRotationResult;
import dev.rotor.kernel.token.TokenValidationResponse.AuthenticatedCaller;
import jakarta.validation.Valid;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Signing-key rotation. The bearer filter has already required role {@code admin} on this path. */
@Tag(name = "Admin: signing keys", description = "The life of the keys that sign access tokens")
@RestController
public class SigningKeyCommandController {

    private final CommandGateway commands;

    public SigningKeyCommandController(CommandGateway commands) {
        this.commands = commands;
    }

    /**
     * Every node signs new access tokens with the new key once this answers; tokens signed with the
     * previous key stay valid until they expire, and the key set publishes it until then.
     */
    @Operation(summary = "Rotate the signing key",
            description = "A new key signs every new access token at once, on every node. Tokens signed with the "
                    + "previous key stay valid until they expire, and the JWKS keeps the previous key until then.")
    @ApiResponse(responseCode = "200", description = "{kid, previous_kid}")
    @PostMapping("/api/v1/admin/keys/rotate")
    public SigningKeyRotationResult rotate(
            @RequestAttribute(AuthenticatedCaller.REQUEST_ATTRIBUTE) AuthenticatedCaller caller,
            @Valid @RequestBody SigningKeyRotationRequest body) {
        // One request id per request, the same on every retry of the gateway: a rotation whose
        // commit succeeded but whose answer was lost is answered, not applied a second time.
        return commands.sendAndWait(new RotateSigningKeyCommand(SigningKeyRingIds.RING, caller.userId(), body.reason(),
                UUID.randomUUID().toString()));
    }
}
