package dev.rotor.kernel.readmodel;

import java.util.regex.Pattern;

/**
 * Which generation of a read model's rows a projection instance reads and writes.
 *
 * <p>Every read-model row carries a {@code generation} number. The live projection works on the
 * generation the state table names as active, looked up inside each SQL statement (so a node never
 * holds a stale idea of it); a rebuild writes the next generation from the event store and then
 * makes it the active one in a single update. Both sides need the same SQL expression, so it is
 * written once, here.
 */
public final class Generation {

    /** The table naming each read model's active generation. */
    public static final String STATE_TABLE = "rotor_read_model";

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,62}");
    private static final long LIVE = -1;

    private final String readModel;
    private final long number;

    private Generation(String readModel, long number) {
        if (!NAME.matcher(readModel).matches()) {
            throw new IllegalArgumentException("read model names are lower-case words joined by '-'");
        }
        this.readModel = readModel;
        this.number = number;
    }

    /** The generation currently active for {@code readModel}, whatever it is when a statement runs. */
    public static Generation live(String readModel) {
        return new Generation(readModel, LIVE);
    }

    /** One fixed generation, as a rebuild writes it. */
    public static Generation of(String readModel, long number) {
        if (number < 0) {
            throw new IllegalArgumentException("generations are numbered from 0");
        }
        return new Generation(readModel, number);
    }

    public String readModel() {
        return readModel;
    }

    public boolean isLive() {
        return number == LIVE;
    }

    /** The SQL expression for the generation column: a sub-select for the live one, a literal otherwise. */
    public String sql() {
        return isLive()
                ? "(select active_generation from " + STATE_TABLE + " where name = '" + readModel + "')"
                : Long.toString(number);
    }

    @Override
    public String toString() {
        return readModel + (isLive() ? "@live" : "@" + number);
    }
}
