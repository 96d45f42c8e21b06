package org.tlsorigination.agent.bootstrap;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.Socket;
import java.net.SocketException;
import javax.net.ssl.SSLEngine;

/**
 * The verbs instrumented code calls, whatever its client: decide a connection's route, move its address to the
 * route's port, and read the client's timeouts into the bound of a handshake. It holds the agent's {@link Router};
 * until the agent installs one, every connection is left alone.
 */
public final class Origination {
    private static volatile Router router;

    private Origination() {
    }

    public static void install(Router installed) {
        router = installed;
    }

    /**
     * The route for a plain-text connection to host:port, or null to leave the connection alone.
     *
     * @throws ConnectException naming the host and the policy, when the outbound traffic policy refuses it
     */
    public static Route route(String host, int port) throws ConnectException {
        Router installed = router;
        return installed == null ? null : installed.route(host, port);
    }

    /** Tells the agent of a plain connect to host:port that no route takes. */
    public static void plainConnect(String host, int port) {
        Router installed = router;
        if (installed != null) {
            installed.plainConnect(host, port);
        }
    }

    /** Tells the agent that the app makes a TLS client socket or engine of its own for host:port. */
    public static void securedByApp(String host, int port) {
        Router installed = router;
        if (installed != null) {
            installed.securedByApp(host, port);
        }
    }

    /**
     * A failure a non-blocking client met on a connection of {@code engine} outside the engine (a closed channel, a
     * failed write), as the app must see it: where the engine is one of a route's and its handshake had not
     * finished, naming the host, the route's port and the handshake's first failure; otherwise {@code failure}.
     */
    public static Throwable failureOf(SSLEngine engine, Throwable failure) {
        Router installed = router;
        return installed == null ? failure : installed.failureOf(engine, failure);
    }

    /**
     * The route for a connection a client opens for a URI scheme: only {@code http} is routed, as https is the
     * client's own TLS.
     *
     * @param port the request's port, or -1 for the scheme's default
     */
    public static Route routeScheme(String scheme, String host, int port) throws ConnectException {
        return "http".equalsIgnoreCase(scheme) ? route(host, port < 0 ? 80 : port) : null;
    }

    /**
     * The route for a request to host:port that the client sends to viaHost:viaPort: the origin itself, or a proxy.
     * An originated request through an HTTP proxy is refused, since the proxy would receive it in plain text.
     *
     * @param port the request's port, or -1 for the scheme's default
     * @throws ConnectException naming the host and the proxy, or the policy
     */
    public static Route routeVia(String scheme, String host, int port, String viaHost, int viaPort)
            throws ConnectException {
        int requestPort = port < 0 ? 80 : port;
        Route route = routeScheme(scheme, host, requestPort);
        if (route != null && (viaPort != requestPort || !viaHost.equalsIgnoreCase(host))) {
            throw new ConnectException("TLS origination for " + host + ":" + requestPort + " cannot pass through the "
                    + "proxy " + viaHost + ":" + viaPort + ", which would receive the request in plain text");
        }
        return route;
    }

    /**
     * The route for a request to host:port that the client sends through the proxy viaHost:viaPort, in a tunnel it
     * opens itself, or null to leave the request alone. Through a chain of proxies ({@code chained}) it is refused for
     * an originated host, as the client would hand the first proxy the request in plain text.
     *
     * @param port the request's port, or -1 for the scheme's default
     * @throws ConnectException naming the host and the proxy, or the policy
     */
    public static Route routeThroughTunnel(String scheme, String host, int port, String viaHost, int viaPort,
                                           boolean chained) throws ConnectException {
        if (chained) {
            routeVia(scheme, host, port, viaHost, viaPort);
        }
        return routeScheme(scheme, host, port);
    }

    /**
     * Refuses a request line that a client writes in absolute form ({@code GET http://host/...}, the form for a proxy)
     * to {@code viaHost:viaPort}, a peer that is not that host, for a host the rules originate: the proxy would
     * receive it in plain text.
     *
     * @throws ConnectException naming the host and the proxy, or the policy
     */
    public static void refuseProxyRequest(String requestTarget, String viaHost, int viaPort) throws ConnectException {
        if (requestTarget == null || !requestTarget.regionMatches(true, 0, "http://", 0, 7)) {
            return;
        }
        URI target;
        try {
            target = new URI(requestTarget);
        } catch (URISyntaxException e) {
            return;
        }
        if (target.getHost() != null && !target.getHost().equalsIgnoreCase(viaHost)) {
            routeVia("http", target.getHost(), target.getPort(), viaHost, viaPort);
        }
    }

    /** {@code requested} with the route's port: resolved as it was, or left for the client to resolve. */
    public static InetSocketAddress atRoutedPort(InetSocketAddress requested, Route route) {
        return requested.isUnresolved() ? InetSocketAddress.createUnresolved(requested.getHostString(), route.port())
                : new InetSocketAddress(requested.getAddress(), route.port());
    }

    /** The first of a client's timeouts, in the order it applies them, that is set (above 0); 0 when none is. */
    public static int firstSet(int... timeoutsMillis) {
        for (int timeout : timeoutsMillis) {
            if (timeout > 0) {
                return timeout;
            }
        }
        return 0;
    }

    /** The shortest of a client's timeouts that is set (above 0); 0 when none is. */
    public static int shortestSet(int... timeoutsMillis) {
        int shortest = 0;
        for (int timeout : timeoutsMillis) {
            if (timeout > 0 && (shortest == 0 || timeout < shortest)) {
                shortest = timeout;
            }
        }
        return shortest;
    }

    /**
     * Bounds the handshake of a client that runs it itself on a socket of {@link Route#sslContext()} (OkHttp): the
     * socket's read timeout, as the client set it, else the agent's handshake timeout, which the client replaces with
     * its own read timeout before its first exchange. Returns the bound.
     */
    public static int boundHandshake(Route route, Socket connected) throws SocketException {
        int readTimeout = connected.getSoTimeout();
        if (readTimeout > 0) {
            return readTimeout;
        }
        int bound = route.handshakeTimeoutMillis(0);
        connected.setSoTimeout(bound);
        return bound;
    }
}
