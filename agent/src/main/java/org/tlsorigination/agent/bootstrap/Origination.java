package org.tlsorigination.agent.bootstrap;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.SocketException;
import java.net.URL;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;

/**
 * The one entry point instrumented code calls. It holds the agent's {@link Router}; until the agent installs one,
 * every connection is left alone.
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

    /** The route for a connection a client opens for a URI scheme: only {@code http} is routed; https is its own. */
    public static Route routeScheme(String scheme, String host, int port) throws ConnectException {
        return "http".equalsIgnoreCase(scheme) ? route(host, port) : null;
    }

    /**
     * Secures a socket that a client connected to {@link Route#port()} itself, for a client whose connect timeout
     * bounds its own TLS handshakes (Apache HttpClient 5): the shortest of its connect, response and read timeouts
     * that is set bounds this one, and the read timeout is restored afterwards. A socket in TLS is returned as it is.
     */
    public static Socket secure(Route route, Socket connected, String host, int connectTimeoutMillis,
                                int responseTimeoutMillis) throws IOException {
        if (connected instanceof SSLSocket) {
            return connected;
        }
        int readTimeout = connected.getSoTimeout();
        int bound = shortest(shortest(readTimeout, connectTimeoutMillis), responseTimeoutMillis);
        connected.setSoTimeout(bound);
        Socket secured = route.secure(connected, host, bound);
        secured.setSoTimeout(readTimeout);
        return secured;
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

    /**
     * For a non-blocking client whose connect timeout ends with the connect, before its TLS handshake (Jetty): a task
     * for the client's own timer that, once {@code timeoutMillis} have passed, hands {@code fail} the exception naming
     * the host and what timed out, unless {@code engine}'s handshake has finished by then.
     */
    public static Runnable handshakeDeadline(Route route, SSLEngine engine, int timeoutMillis,
                                             Consumer<Throwable> fail) {
        Callable<Void> deadline = route.handshakeDeadline(engine, timeoutMillis);
        return () -> {
            try {
                deadline.call();
            } catch (Exception timedOut) {
                fail.accept(timedOut);
            }
        };
    }

    /** The shorter of two timeouts where 0 or less means none. */
    private static int shortest(int a, int b) {
        return a <= 0 ? Math.max(b, 0) : b <= 0 ? a : Math.min(a, b);
    }

    /**
     * The route for {@code sun.net.www.http.HttpClient} opening a connection to server:serverPort for a request to
     * host:port. Only plain {@code http} URLs are routed; {@code https} is the client's own TLS. A request that a
     * rule originates but that goes through an HTTP proxy is refused, since the proxy would see it in plain text.
     */
    public static Route routeHttpUrl(URL url, String host, int port, String server, int serverPort)
            throws IOException {
        if (!"http".equals(url.getProtocol())) {
            return null;
        }
        Route route = route(host, port);
        if (route != null && (serverPort != port || !server.equals(host))) {
            throw throughProxy(host, port, server, serverPort);
        }
        return route;
    }

    /**
     * Refuses a request to host:port that a rule originates but that a client sends through the proxy
     * proxyHost:proxyPort, which would receive it in plain text. Other requests, and https ones, pass.
     *
     * @param port the request's port, or -1 for the scheme's default
     */
    public static void refuseThroughProxy(String scheme, String host, int port, String proxyHost, int proxyPort)
            throws ConnectException {
        int requestPort = port >= 0 ? port : 80;
        if (routeScheme(scheme, host, requestPort) != null) {
            throw throughProxy(host, requestPort, proxyHost, proxyPort);
        }
    }

    private static ConnectException throughProxy(String host, int port, String proxyHost, int proxyPort) {
        return new ConnectException("TLS origination for " + host + ":" + port + " cannot pass through the proxy "
                + proxyHost + ":" + proxyPort + ", which would receive the request in plain text");
    }
}
