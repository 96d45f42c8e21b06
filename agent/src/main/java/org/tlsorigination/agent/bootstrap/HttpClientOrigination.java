package org.tlsorigination.agent.bootstrap;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/**
 * What {@code java.net.http}'s instrumented code asks, in {@code java.base} types only: that module belongs to the
 * platform loader, which the bootstrap loader cannot see. The client builds a connection, engine included, within
 * one call on one thread, so the route of the connection a thread is opening is kept for that call, while the
 * client takes its own TLS path for a plain request.
 */
public final class HttpClientOrigination {
    private static final ThreadLocal<Route> OPENING = new ThreadLocal<>();

    private HttpClientOrigination() {
    }

    /**
     * Starts opening a connection for a request to {@code uri} at {@code address}, and returns its route, or null
     * for a connection to leave alone. A routed opening lasts until {@link #end()}.
     */
    public static Route begin(URI uri, InetSocketAddress address) throws ConnectException {
        Route route = Origination.routeScheme(uri == null ? null : uri.getScheme(), address.getHostString(),
                address.getPort());
        if (route != null) {
            OPENING.set(route);
        }
        return route;
    }

    public static void end() {
        OPENING.remove();
    }

    /** Whether the connection being opened is secure: the client's own answer, or yes while a route opens one. */
    public static boolean secure(boolean requested) {
        return requested || OPENING.get() != null;
    }

    /** The context to make the connection's engine with: the rule's while a route opens one. */
    public static SSLContext sslContext(SSLContext requested) {
        Route route = OPENING.get();
        return route == null ? requested : route.sslContext();
    }

    /**
     * What to say when the client's connect timeout, which also bounds an originated connection's handshake, passes
     * for a request to {@code uri}: the host and the timeout, or null for a request that is not originated.
     */
    public static String handshakeTimedOut(URI uri, Duration connectTimeout) {
        if (uri == null) {
            return null;
        }
        try {
            int port = uri.getPort() != -1 ? uri.getPort() : 80;
            Route route = Origination.routeScheme(uri.getScheme(), uri.getHost(), port);
            return route == null ? null : "TLS origination to " + uri.getHost() + ":" + route.port()
                    + " failed: the handshake timed out after " + connectTimeout.toMillis() + " ms";
        } catch (ConnectException refused) {
            return null;
        }
    }
}
