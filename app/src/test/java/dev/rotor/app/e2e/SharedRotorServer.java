package dev.rotor.app.e2e;

/**
 * One server for the end-to-end classes that neither restart it nor rotate tokens globally: they
 * create their own users, so they can share it. Started on first use; closed (and its folder
 * removed) when the test JVM exits.
 */
public final class SharedRotorServer {

    private static RotorServer server;

    private SharedRotorServer() {
    }

    public static synchronized RotorServer get() {
        if (server == null) {
            server = RotorServer.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "shared-rotor-server-close"));
        }
        return server;
    }
}
