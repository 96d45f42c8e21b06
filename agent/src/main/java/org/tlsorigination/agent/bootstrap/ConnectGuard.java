package org.tlsorigination.agent.bootstrap;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.function.Consumer;

/**
 * Refuses a plain-text connection, from a client the agent cannot originate, to a host and port whose traffic a
 * rule sends over TLS to another port. A connection to the TLS port itself is let through: the client may be
 * about to start TLS on it, as every https client does. It sees every plain connect, so it also tells the agent of
 * those no route takes, and of the TLS clients the app makes itself, which tell such connects apart.
 */
public final class ConnectGuard {
    private static final String[] OWN_PACKAGES = {"java.", "javax.", "sun.", "jdk.", "org.tlsorigination.agent."};

    private static volatile Consumer<String> refusals;

    private ConnectGuard() {
    }

    /** Turns the guard on; {@code onRefusal} receives the name of each refused caller class. */
    public static void install(Consumer<String> onRefusal) {
        refusals = onRefusal;
    }

    /** Refuses a plain connect that a rule moves to another port, unless the guard is off. */
    public static void check(SocketAddress endpoint) throws ConnectException {
        Route route = movingRoute(endpoint);
        if (route != null) {
            refuse((InetSocketAddress) endpoint, route);
        }
    }

    /**
     * The route that moves a plain connect to {@code endpoint} to another port, or null for one left as it is; one
     * no route takes is told to the agent, which counts it as plain text unless the app secures it itself.
     */
    static Route movingRoute(SocketAddress endpoint) throws ConnectException {
        if (!(endpoint instanceof InetSocketAddress)) {
            return null;
        }
        InetSocketAddress address = (InetSocketAddress) endpoint;
        String host = address.getHostString();
        int port = address.getPort();
        Route route = Origination.route(host, port);
        if (route == null && refusals != null) {
            Origination.plainConnect(host, port);
        }
        return route == null || route.port() == port ? null : route;
    }

    /** The app makes a TLS client socket or engine of its own for host:port; nothing to do without the guard. */
    public static void securedByApp(String host, int port) {
        if (refusals != null && host != null && port > 0) {
            Origination.securedByApp(host, port);
        }
    }

    /** Fails the connect, naming the caller, when the guard is on; lets it through when it is off. */
    static void refuse(InetSocketAddress endpoint, Route route) throws ConnectException {
        Consumer<String> onRefusal = refusals;
        if (onRefusal == null) {
            return;
        }
        String host = endpoint.getHostString();
        int port = endpoint.getPort();
        String caller = caller();
        onRefusal.accept(caller);
        throw new ConnectException("plain-text connection to " + host + ":" + port + " refused: a rule originates "
                + "TLS for it (" + route + "), and " + caller + " is not a client the agent rewrites; call "
                + "https://" + host + ":" + route.port() + " instead, or set tlsorigination.guard=false");
    }

    /** The first class on the calling thread's stack that is neither the JDK's nor the agent's. */
    public static String caller() {
        return StackWalker.getInstance().walk(frames -> frames
                .map(StackWalker.StackFrame::getClassName)
                .filter(ConnectGuard::isApplicationClass)
                .findFirst()
                .orElse("an unknown caller"));
    }

    private static boolean isApplicationClass(String className) {
        for (String own : OWN_PACKAGES) {
            if (className.startsWith(own)) {
                return false;
            }
        }
        return true;
    }
}
