package org.tlsorigination.agent.bootstrap;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URL;

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

    /** The route for a plain-text connection to host:port, or null to leave the connection alone. */
    public static Route route(String host, int port) {
        Router installed = router;
        return installed == null ? null : installed.route(host, port);
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
            throw new ConnectException("TLS origination for " + host + ":" + port + " cannot pass through the HTTP proxy "
                    + server + ":" + serverPort + ", which would receive the request in plain text");
        }
        return route;
    }
}
