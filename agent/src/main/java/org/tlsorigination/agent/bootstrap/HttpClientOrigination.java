package org.tlsorigination.agent.bootstrap;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;

/**
 * What {@code java.net.http}'s instrumented code asks, in {@code java.base} types only: that module belongs to the
 * platform loader, which the bootstrap loader cannot see. The client builds a connection, engine included, within
 * one call on one thread, so the route of the connection a thread is opening is kept for that call, while the
 * client takes its own TLS path for a plain request.
 */
public final class HttpClientOrigination {
    private static final String TUNNEL_FAILED = "Tunnel failed, got: ";
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

    /** Whether a request to {@code uri} is originated, so its connection is TLS whatever its scheme says. */
    public static boolean originates(URI uri) {
        return routeOf(uri) != null;
    }

    /**
     * The connect timeout for a connection to {@code uri}, which the client also applies to its handshake: its own,
     * else the agent's handshake timeout when the request is originated, so that no originated handshake waits
     * forever.
     */
    public static Optional<Duration> connectTimeout(URI uri, Optional<Duration> clientTimeout) {
        Route route = clientTimeout.isPresent() ? null : routeOf(uri);
        return route == null ? clientTimeout : Optional.of(Duration.ofMillis(route.handshakeTimeoutMillis(0)));
    }

    /**
     * What to say when the connect timeout passed for an originated request to {@code uri}: the host and the
     * timeout; null for a request that is not originated.
     */
    public static String handshakeTimedOut(URI uri, Optional<Duration> clientTimeout) {
        Route route = routeOf(uri);
        if (route == null) {
            return null;
        }
        long timeoutMillis = clientTimeout.map(Duration::toMillis).orElse((long) route.handshakeTimeoutMillis(0));
        return "TLS origination to " + uri.getHost() + ":" + route.port() + " failed: the handshake timed out after "
                + timeoutMillis + " ms";
    }

    /**
     * The request target to write for a request to {@code uri}: the client's, except that an originated request,
     * which the client writes in absolute form for its proxy, runs in a tunnel and goes in origin form.
     */
    public static String requestTarget(String method, URI uri, String target) {
        if ("CONNECT".equals(method) || target == null || target.startsWith("/") || routeOf(uri) == null) {
            return target;
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }

    /**
     * The failure to report for a request to {@code uri}: the client's, except for an originated request that the
     * client's own code failed, which the agent's engine never saw: a handshake the server ended (a reset, a close)
     * names the host and the reason, and the client's "Tunnel failed" names the host, the proxy the client's
     * selector chose and its answer.
     */
    public static Throwable failureToReport(URI uri, Optional<ProxySelector> proxies, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        String message = cause instanceof IOException ? cause.getMessage() : null;
        Route route = message != null && !message.startsWith("TLS origination to ") ? routeOf(uri) : null;
        if (route != null && cause instanceof SSLHandshakeException) {
            SSLHandshakeException named = new SSLHandshakeException("TLS origination to " + uri.getHost() + ":"
                    + route.port() + " failed: " + message);
            named.initCause(cause);
            return named;
        }
        if (route == null || !message.startsWith(TUNNEL_FAILED) || proxies.isEmpty()) {
            return failure;
        }
        String proxy = proxies.get().select(uri).stream().filter(choice -> choice.type() == Proxy.Type.HTTP)
                .map(choice -> (InetSocketAddress) choice.address())
                .map(address -> address.getHostString() + ":" + address.getPort()).findFirst().orElse("?");
        return new IOException("TLS origination to " + uri.getHost() + ":" + route.port() + " through the proxy "
                + proxy + " failed: the proxy answered " + message.substring(TUNNEL_FAILED.length()), cause);
    }

    private static Route routeOf(URI uri) {
        if (uri == null) {
            return null;
        }
        try {
            return Origination.routeScheme(uri.getScheme(), uri.getHost(), uri.getPort() != -1 ? uri.getPort() : 80);
        } catch (ConnectException refused) {
            return null;
        }
    }
}
