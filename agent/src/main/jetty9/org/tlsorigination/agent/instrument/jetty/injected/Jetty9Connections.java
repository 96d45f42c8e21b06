package org.tlsorigination.agent.instrument.jetty.injected;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import javax.net.ssl.SSLEngine;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.HttpClientTransport;
import org.eclipse.jetty.client.HttpDestination;
import org.eclipse.jetty.client.HttpExchange;
import org.eclipse.jetty.client.HttpProxy;
import org.eclipse.jetty.client.Origin;
import org.eclipse.jetty.client.ProxyConfiguration;
import org.eclipse.jetty.client.Socks4Proxy;
import org.eclipse.jetty.client.api.Request;
import org.eclipse.jetty.client.http.HttpConnectionOverHTTP;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.ClientConnectionFactory;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.SslClientConnectionFactory;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.tlsorigination.agent.bootstrap.Origination;
import org.tlsorigination.agent.bootstrap.Route;

/**
 * Jetty HttpClient 9.4's originated connections, in Jetty's class loader. Jetty 9.4 chooses TLS by the destination's
 * scheme, in the connection factory the destination makes once: the transport's connect of an originated connection
 * gets the route's port, and its new connection the rule's TLS over the destination's plain factory. Through the
 * app's HTTP or SOCKS4 proxy, an originated request's destination is an https one at the rule's port instead, tagged
 * by {@link TunnelledOrigin}: Jetty opens its own tunnel to it, the request is written in origin form, and the TLS
 * layered in the tunnel takes the rule's context in place of the app's.
 */
public final class Jetty9Connections {
    /** Carries a connection's route from its connect to its TLS layer, and across its tries of each address. */
    private static final String ROUTE_KEY = "org.tlsorigination.agent.route";
    private static final String DESTINATION_KEY = HttpClientTransport.HTTP_DESTINATION_CONTEXT_KEY;
    private static final String PROMISE_KEY = HttpClientTransport.HTTP_CONNECTION_PROMISE_CONTEXT_KEY;

    private Jetty9Connections() {
    }

    /**
     * The origin Jetty makes for a request to {@code origin}: for an http origin that a rule originates and that the
     * app sends through an HTTP or SOCKS4 proxy, an https origin at the rule's port, so Jetty tunnels to it, provided
     * the app's proxy settings send it through the same proxy; otherwise {@code origin}, whose connect then decides.
     * Jetty 9.4 tunnels only with the client's own TLS context factory in place, so without one the connect refuses
     * an originated request through the proxy.
     */
    public static Origin throughProxy(HttpClient client, Origin origin) {
        if (!"http".equals(origin.getScheme()) || client.getSslContextFactory() == null) {
            return origin;
        }
        ProxyConfiguration.Proxy proxy = client.getProxyConfiguration().match(origin);
        if (!(proxy instanceof HttpProxy || proxy instanceof Socks4Proxy)) {
            return origin;
        }
        Route route = TunnelledOrigin.routeOf(origin.getAddress().getHost(), origin.getAddress().getPort());
        if (route == null) {
            return origin;
        }
        Origin tunnelled = new Origin("https", new Origin.Address(origin.getAddress().getHost(), route.port()),
                new TunnelledOrigin(route, origin.getTag()));
        return client.getProxyConfiguration().match(tunnelled) == proxy ? tunnelled : origin;
    }

    /**
     * At the transport's connect of one address: an originated connection gets the route's port, once whichever
     * address is tried; a tunnelled one connects to its proxy as it was. A refusal, by the policy or because an HTTP
     * proxy would see the request in plain text, fails the connection's promise, as a failed connect does; returns
     * null then.
     */
    public static InetSocketAddress connectAddress(InetSocketAddress address, Map<String, Object> context) {
        if (!(context.get(DESTINATION_KEY) instanceof HttpDestination)) {
            return address;
        }
        HttpDestination destination = (HttpDestination) context.get(DESTINATION_KEY);
        try {
            Route route = (Route) context.get(ROUTE_KEY);
            if (route == null) {
                route = originate(destination, context);
            }
            return route == null || destination.getProxy() != null ? address
                    : Origination.atRoutedPort(address, route);
        } catch (ConnectException | RuntimeException refused) {
            ((Promise<?>) context.get(PROMISE_KEY)).failed(refused);
            return null;
        }
    }

    /** An https destination's connections are secured by the app. */
    private static Route originate(HttpDestination destination, Map<String, Object> context)
            throws ConnectException {
        if (destination.getProxy() == null) {
            Route route = Origination.routeScheme(destination.getScheme(), destination.getHost(),
                    destination.getPort());
            if (route != null) {
                context.put(ROUTE_KEY, route);
            }
            return route;
        }
        Origin.Address proxy = destination.getProxy().getAddress();
        Route tunnelled = TunnelledOrigin.throughProxy(destination.getOrigin().getTag(), destination.getScheme(),
                destination.getHost(), destination.getPort(), proxy.getHost(), proxy.getPort());
        if (tunnelled != null) {
            @SuppressWarnings("unchecked")
            Promise<org.eclipse.jetty.client.api.Connection> promise =
                    (Promise<org.eclipse.jetty.client.api.Connection>) context.get(PROMISE_KEY);
            context.put(PROMISE_KEY, new Jetty10ProxyAnswerPromise(promise, destination.getHost(),
                    destination.getPort(), proxy.asString()));
            context.put(ROUTE_KEY, tunnelled);
        }
        return tunnelled;
    }

    /**
     * The connection of a connected endpoint that was originated direct: the rule's TLS over the destination's plain
     * connection factory; null for any other, which the destination's own factory makes.
     */
    public static Connection withRuleTls(EndPoint endPoint, Object attachment) throws IOException {
        if (!(attachment instanceof Map)) {
            return null;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> context = (Map<String, Object>) attachment;
        if (!(context.get(ROUTE_KEY) instanceof Route) || !(context.get(DESTINATION_KEY) instanceof HttpDestination)) {
            return null;
        }
        HttpDestination destination = (HttpDestination) context.get(DESTINATION_KEY);
        ClientConnectionFactory plain = destination.getClientConnectionFactory();
        if (destination.getProxy() != null || plain instanceof SslClientConnectionFactory) {
            return null;
        }
        return ruleTls(destination, (Route) context.get(ROUTE_KEY), plain).newConnection(endPoint, context);
    }

    private static SslClientConnectionFactory ruleTls(HttpDestination destination, Route route,
                                                      ClientConnectionFactory plain) {
        HttpClient client = destination.getHttpClient();
        return new SslClientConnectionFactory(DestinationTls.forRoute(destination, route),
                client.getByteBufferPool(), client.getExecutor(), plain);
    }

    /**
     * The TLS connection of an originated tunnel, over the rule's context, where Jetty would layer its own (over
     * {@code factoryTls}, wrapping {@code inner}) once the proxy opened the tunnel to the origin's host at the route's
     * port; null for any other TLS layer, the proxy's own among them.
     */
    public static Connection inTunnelWithRuleTls(SslContextFactory factoryTls, ClientConnectionFactory inner,
                                                 EndPoint endPoint, Map<String, Object> context) throws IOException {
        Object peerHost = context.get(SslClientConnectionFactory.SSL_PEER_HOST_CONTEXT_KEY);
        Object peerPort = context.get(SslClientConnectionFactory.SSL_PEER_PORT_CONTEXT_KEY);
        if (!(context.get(ROUTE_KEY) instanceof Route) || !(context.get(DESTINATION_KEY) instanceof HttpDestination)
                || !(peerHost instanceof String) || !(peerPort instanceof Integer)) {
            return null;
        }
        Route route = (Route) context.get(ROUTE_KEY);
        HttpDestination destination = (HttpDestination) context.get(DESTINATION_KEY);
        if (destination.getProxy() == null || factoryTls.getSslContext() == route.sslContext()
                || (Integer) peerPort != route.port() || !((String) peerHost).equalsIgnoreCase(destination.getHost())) {
            return null;
        }
        return ruleTls(destination, route, inner).newConnection(endPoint, context);
    }

    /**
     * Jetty 9.4 writes a request through an HTTP proxy in absolute form unless its own scheme is secure, and with the
     * proxy's credentials, tunnelled or not: an originated http request in its tunnel, seen only by the origin, is put
     * back in origin form, without them. The CONNECT that opens the tunnel, in authority form, is left as it is.
     */
    public static void forTheOrigin(HttpDestination destination, Request request) {
        if (destination.getOrigin().getTag() instanceof TunnelledOrigin && destination.getProxy() instanceof HttpProxy
                && request.getPath().regionMatches(true, 0, "http://", 0, 7)) {
            URI path = URI.create(request.getPath());
            request.path(path.getRawPath() == null || path.getRawPath().isEmpty() ? "/" : path.getRawPath());
            request.getHeaders().remove(HttpHeader.PROXY_AUTHORIZATION);
        }
    }

    /**
     * Bounds the handshake of an originated connection by the connect timeout ({@link HandshakeDeadline}): Jetty 9.4's
     * endpoints close without a cause, so a request on the connection is aborted with the timeout's first.
     */
    public static void boundHandshake(Connection connection, Map<String, Object> context) {
        if (!(context.get(ROUTE_KEY) instanceof Route) || !(connection instanceof SslConnection)
                || !(context.get(DESTINATION_KEY) instanceof HttpDestination)
                || !(context.get(SslClientConnectionFactory.SSL_ENGINE_CONTEXT_KEY) instanceof SSLEngine)) {
            return;
        }
        SslConnection tls = (SslConnection) connection;
        HttpClient client = ((HttpDestination) context.get(DESTINATION_KEY)).getHttpClient();
        HandshakeDeadline.schedule(client.getScheduler(), client.getConnectTimeout(), (Route) context.get(ROUTE_KEY),
                (SSLEngine) context.get(SslClientConnectionFactory.SSL_ENGINE_CONTEXT_KEY), timedOut -> {
                    Connection http = tls.getDecryptedEndPoint().getConnection();
                    HttpExchange exchange = http instanceof HttpConnectionOverHTTP
                            ? ((HttpConnectionOverHTTP) http).getHttpChannel().getHttpExchange() : null;
                    if (exchange != null) {
                        exchange.getRequest().abort(timedOut);
                    }
                    tls.getEndPoint().close();
                });
    }
}
