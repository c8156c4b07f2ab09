package dev.rotor.kernel.readmodel;

import java.util.List;

/**
 * A read model that can be built again from the event store while the live one keeps serving.
 *
 * <p>Implemented by each projection (on either side); the server finds them all and owns the rest:
 * it builds a new generation by feeding every stored event, in order, to
 * {@link #projection(Generation)}, and switches reads and live writes to it at one instant. The live
 * projection is a subscribing processing group named {@link #name()}, writing in the transaction
 * that appends the event, on {@link Generation#live}.
 */
public interface RebuildableReadModel {

    /** The read model's name, equal to its processing group. */
    String name();

    /**
     * Its tables, so the server can drop a retired generation's rows. They are created by the
     * server's schema migrations (app: {@code db/migration}); every one has a
     * {@code generation bigint not null} column that is part of its primary key.
     */
    List<String> tables();

    /** An object with the same {@code @EventHandler} methods, writing only {@code generation}. */
    Object projection(Generation generation);

    /** Called on the live projection after a rebuilt generation became the active one (drop memory). */
    default void generationSwitched() {
    }
}
