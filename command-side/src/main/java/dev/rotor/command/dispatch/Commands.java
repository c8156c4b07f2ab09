package dev.rotor.command.dispatch;

import dev.rotor.kernel.common.ErrorCode;
import dev.rotor.kernel.common.RotorException;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.AggregateNotFoundException;

/** Small helpers around the command gateway for commands aimed at an existing aggregate. */
public final class Commands {

    private Commands() {
    }

    public static void requireUuid(String id, String what) {
        try {
            UUID.fromString(id);
        } catch (RuntimeException e) {
            throw new RotorException(ErrorCode.NOT_FOUND, "no such " + what);
        }
    }

    /** Sends and waits; an aggregate that does not exist (or is of another kind) is a 404. */
    public static <R> R sendToExisting(CommandGateway gateway, Object command, String what) {
        try {
            return gateway.sendAndWait(command);
        } catch (RuntimeException e) {
            if (isMissingAggregate(e)) {
                throw new RotorException(ErrorCode.NOT_FOUND, "no such " + what);
            }
            throw e;
        }
    }

    private static boolean isMissingAggregate(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof AggregateNotFoundException || t instanceof IncompatibleAggregateException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
