package org.tlsorigination.agent.instrument.apache.httpclient5.injected;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.SchemePortResolver;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.io.ManagedHttpClientConnection;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.util.TimeValue;
import org.tlsorigination.agent.bootstrap.Origination;
import org.tlsorigination.agent.bootstrap.Route;

/**
 * Apache HttpClient 5's originated connections, in the library's class loader. The classic operator connects an
 * originated http host at the route's port and binds the connection to the socket in TLS; the handshake is bounded
 * as the client bounds its own, by the shortest of its read, connect and response timeouts. Its classic and async
 * clients give every request an {@code HttpRoute} before a connection is leased.
 */
public final class OriginatedConnections {

    private OriginatedConnections() {
    }

    /** The route for a connection to {@code host}, at the port the operator resolves for it. */
    public static Route route(HttpHost host, SchemePortResolver ports) throws ConnectException {
        return Origination.routeScheme(host.getSchemeName(), host.getHostName(), ports.resolve(host));
    }

    /** {@code host} at the route's port: the operator connects where the host says. */
    public static HttpHost atRoutedPort(HttpHost host, Route route) {
        return new HttpHost(host.getSchemeName(), host.getAddress(), host.getHostName(), route.port());
    }

    /** 5.4 and later: binds the operator's connection to its socket in TLS. */
    public static void secure(Route route, ManagedHttpClientConnection connection, HttpHost host,
                              TimeValue connectTimeout, HttpContext context) throws IOException {
        connection.bind(secure(route, connection.getSocket(), host, connectTimeout, context));
    }

    /** 5.0 to 5.3: the socket factory's socket, in TLS. */
    public static Socket secure(Route route, Socket socket, HttpHost host, TimeValue connectTimeout,
                                HttpContext context) throws IOException {
        RequestConfig config = context == null ? null : HttpClientContext.adapt(context).getRequestConfig();
        TimeValue responseTimeout = config == null ? null : config.getResponseTimeout();
        return route.secure(socket, host.getHostName(), Origination.shortestSet(socket.getSoTimeout(),
                millis(connectTimeout), millis(responseTimeout)));
    }

    /** A route through an HTTP proxy would hand an originated request to the proxy in plain text: refused. */
    public static void refuseThroughProxy(HttpRoute route) throws ConnectException {
        HttpHost proxy = route.getProxyHost();
        if (proxy != null) {
            HttpHost target = route.getTargetHost();
            Origination.routeVia(target.getSchemeName(), target.getHostName(), target.getPort(), proxy.getHostName(),
                    proxy.getPort());
        }
    }

    private static int millis(TimeValue timeout) {
        return timeout == null ? 0 : timeout.toMillisecondsIntBound();
    }
}
