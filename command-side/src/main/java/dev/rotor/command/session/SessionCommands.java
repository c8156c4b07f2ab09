package dev.rotor.command.session;

import dev.rotor.command.dispatch.Commands;
import dev.rotor.kernel.session.RevocationOutcome;
import dev.rotor.kernel.session.RevokeSessionCommand;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Service;

/** Session use cases other than refresh. */
@Service
public class SessionCommands {

    private final CommandGateway commands;

    public SessionCommands(CommandGateway commands) {
        this.commands = commands;
    }

    /**
     * Revokes a session. With {@code ownerUserId} set, a session of another user is reported as
     * not found. Unknown ids are not found too.
     */
    public RevocationOutcome revoke(String sessionId, String ownerUserId, String reason, String revokedBy) {
        Commands.requireUuid(sessionId, "session");
        return Commands.sendToExisting(commands, new RevokeSessionCommand(sessionId, ownerUserId, reason, revokedBy),
                "session");
    }
}
