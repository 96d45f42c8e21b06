package org.tlsorigination.agent.instrument.jetty.injected;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.util.Map;
import javax.net.ssl.SSLEngine;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.HttpClientTransport;
import org.eclipse.jetty.client.HttpDestination;
import org.eclipse.jetty.client.HttpProxy;
import org.eclipse.jetty.client.HttpRequest;
import org.eclipse.jetty.client.Origin;
import org.eclipse.jetty.client.ProxyConfiguration;
import org.eclipse.jetty.client.Socks4Proxy;
import org.eclipse.jetty.client.api.Connection;
import org.eclipse.jetty.io.ClientConnectionFactory;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.SslClientConnectionFactory;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.tlsorigination.agent.bootstrap.Origination;
import org.tlsorigination.agent.bootstrap.Route;

/**
 * Jetty HttpClient 10 and 11's originated connections, in Jetty's class loader. Jetty 10 chooses TLS by the
 * destination's scheme: its transport puts the destination's plain connection factory in the connect context and
 * hands it to the connector, where an originated connection gets the route's port and the rule's TLS layered over
 * that factory. Through the app's HTTP or SOCKS proxy, an originated request's destination is an https one at the
 * rule's port instead, tagged by {@link TunnelledOrigin}: Jetty opens its own tunnel to it, writes the request in
 * origin form, and layers TLS in the tunnel, with the rule's context in place of the app's.
 */
public final class Jetty10Connections {
    /** Carries a connection's route from its connect to its TLS layer, and across its tries of each address. */
    private static final String ROUTE_KEY = "org.tlsorigination.agent.route";
    private static final String DESTINATION_KEY = HttpClientTransport.HTTP_DESTINATION_CONTEXT_KEY;
    private static final String PROMISE_KEY = HttpClientTransport.HTTP_CONNECTION_PROMISE_CONTEXT_KEY;
    /** Jetty 10.0.0 has no SOCKS5 proxy; later 10.0 releases do. */
    private static final String SOCKS5_PROXY = "org.eclipse.jetty.client.Socks5Proxy";

    private Jetty10Connections() {
    }

    /**
     * The origin of a request to {@code origin}: for an http origin that a rule originates and that the app sends
     * through an HTTP or SOCKS proxy, an https origin at the rule's port, so Jetty tunnels to it, provided the app's
     * proxy settings send it through the same proxy; otherwise {@code origin}, whose connect then decides.
     */
    public static Origin throughProxy(HttpClient client, Origin origin) {
        if (!"http".equals(origin.getScheme())) {
            return origin;
        }
        ProxyConfiguration.Proxy proxy = client.getProxyConfiguration().match(origin);
        if (!(proxy instanceof HttpProxy || proxy instanceof Socks4Proxy
                || proxy != null && proxy.getClass().getName().equals(SOCKS5_PROXY))) {
            return origin;
        }
        Route route = TunnelledOrigin.routeOf(origin.getAddress().getHost(), origin.getAddress().getPort());
        if (route == null) {
            return origin;
        }
        Origin tunnelled = new Origin("https", new Origin.Address(origin.getAddress().getHost(), route.port()),
                new TunnelledOrigin(route, origin.getTag()), origin.getProtocol());
        return client.getProxyConfiguration().match(tunnelled) == proxy ? tunnelled : origin;
    }

    /**
     * At the connector's connect of one address, the destination's connection factory in the context: an originated
     * connection gets the route's port and the rule's TLS over that factory, once whichever address is tried; a
     * tunnelled one connects to its proxy as it was. A refusal, by the policy or because an HTTP proxy would see the
     * request in plain text, fails the connection's promise, as a failed connect does; returns null then.
     */
    public static SocketAddress connectAddress(SocketAddress address, Map<String, Object> context) {
        if (!(address instanceof InetSocketAddress)
                || !(context.get(DESTINATION_KEY) instanceof HttpDestination)) {
            return address;
        }
        HttpDestination destination = (HttpDestination) context.get(DESTINATION_KEY);
        try {
            Route route = (Route) context.get(ROUTE_KEY);
            if (route == null) {
                route = originate(destination, context);
                if (route == null) {
                    return address;
                }
            }
            if (destination.getProxy() != null) {
                return address;
            }
            layerTls(destination, route, context);
            InetSocketAddress routed = Origination.atRoutedPort((InetSocketAddress) address, route);
            context.put(ClientConnector.REMOTE_SOCKET_ADDRESS_CONTEXT_KEY, routed);
            return routed;
        } catch (ConnectException | RuntimeException refused) {
            ((Promise<?>) context.get(PROMISE_KEY)).failed(refused);
            return null;
        }
    }

    /** An https destination's connections are secured by the app. */
    private static Route originate(HttpDestination destination, Map<String, Object> context)
            throws ConnectException {
        if (destination.getProxy() != null) {
            return throughItsProxy(destination, context);
        }
        Route route = Origination.routeScheme(destination.getScheme(), destination.getHost(), destination.getPort());
        if (route != null) {
            context.put(ROUTE_KEY, route);
        }
        return route;
    }

    /**
     * The route of a connection to the proxy of {@code destination}: a tunnelled origin's, whose promise then names
     * the proxy on a refused CONNECT. Any other destination through a proxy is refused if a rule originates it, as
     * the proxy would see its request in plain text, else left alone (null).
     */
    private static Route throughItsProxy(HttpDestination destination, Map<String, Object> context)
            throws ConnectException {
        Origin.Address proxy = destination.getProxy().getAddress();
        Route route = TunnelledOrigin.throughProxy(destination.getOrigin().getTag(), destination.getScheme(),
                destination.getHost(), destination.getPort(), proxy.getHost(), proxy.getPort());
        if (route != null) {
            @SuppressWarnings("unchecked")
            Promise<Connection> promise = (Promise<Connection>) context.get(PROMISE_KEY);
            context.put(PROMISE_KEY, new Jetty10ProxyAnswerPromise(promise, destination.getHost(),
                    destination.getPort(), proxy.asString()));
            context.put(ROUTE_KEY, route);
        }
        return route;
    }

    private static void layerTls(HttpDestination destination, Route route, Map<String, Object> context) {
        Object plain = context.get(ClientConnector.CLIENT_CONNECTION_FACTORY_CONTEXT_KEY);
        if (plain instanceof ClientConnectionFactory && !(plain instanceof SslClientConnectionFactory)) {
            context.put(ClientConnector.CLIENT_CONNECTION_FACTORY_CONTEXT_KEY,
                    ruleTls(destination, route, (ClientConnectionFactory) plain));
        }
    }

    private static SslClientConnectionFactory ruleTls(HttpDestination destination, Route route,
                                                      ClientConnectionFactory plain) {
        HttpClient client = destination.getHttpClient();
        return new SslClientConnectionFactory(DestinationTls.forRoute(destination, route),
                client.getByteBufferPool(), client.getExecutor(), plain);
    }

    /**
     * The TLS connection of an originated tunnel, over the rule's context, where Jetty would layer its own (that of
     * {@code factory}, whose context is {@code factoryTls}) once the proxy opened the tunnel, to the origin's host at
     * the route's port; null for any other TLS layer, the proxy's own among them.
     */
    public static org.eclipse.jetty.io.Connection withRuleTls(SslClientConnectionFactory factory,
                                                              SslContextFactory factoryTls, EndPoint endPoint,
                                                              Map<String, Object> context) throws IOException {
        Object remote = context.get(ClientConnector.REMOTE_SOCKET_ADDRESS_CONTEXT_KEY);
        if (!(context.get(ROUTE_KEY) instanceof Route) || !(context.get(DESTINATION_KEY) instanceof HttpDestination)
                || !(remote instanceof InetSocketAddress)) {
            return null;
        }
        Route route = (Route) context.get(ROUTE_KEY);
        HttpDestination destination = (HttpDestination) context.get(DESTINATION_KEY);
        InetSocketAddress address = (InetSocketAddress) remote;
        if (destination.getProxy() == null || factoryTls.getSslContext() == route.sslContext()
                || address.getPort() != route.port()
                || !address.getHostString().equalsIgnoreCase(destination.getHost())) {
            return null;
        }
        return ruleTls(destination, route, factory.getClientConnectionFactory()).newConnection(endPoint, context);
    }

    /**
     * Jetty 10.0.0 and 11.0.0 write a request through an HTTP proxy in absolute form unless its own scheme is secure,
     * so an originated http request in its tunnel would be so written too: it is put back in origin form, as later
     * releases write it.
     */
    public static void inOriginForm(HttpDestination destination, HttpRequest request) {
        if (destination.getOrigin().getTag() instanceof TunnelledOrigin
                && destination.getProxy() instanceof HttpProxy) {
            URI path = URI.create(request.getPath());
            if (path.isAbsolute()) {
                request.path(path.getRawPath() == null || path.getRawPath().isEmpty() ? "/" : path.getRawPath());
            }
        }
    }

    /** Bounds the handshake of an originated connection by the connect timeout ({@link HandshakeDeadline}). */
    public static void boundHandshake(EndPoint endPoint, Map<String, Object> context) {
        if (context.get(ROUTE_KEY) instanceof Route
                && context.get(ClientConnector.CLIENT_CONNECTOR_CONTEXT_KEY) instanceof ClientConnector
                && context.get(SslClientConnectionFactory.SSL_ENGINE_CONTEXT_KEY) instanceof SSLEngine) {
            ClientConnector connector = (ClientConnector) context.get(ClientConnector.CLIENT_CONNECTOR_CONTEXT_KEY);
            HandshakeDeadline.schedule(connector.getScheduler(), connector.getConnectTimeout().toMillis(),
                    (Route) context.get(ROUTE_KEY),
                    (SSLEngine) context.get(SslClientConnectionFactory.SSL_ENGINE_CONTEXT_KEY), endPoint::close);
        }
    }
}
