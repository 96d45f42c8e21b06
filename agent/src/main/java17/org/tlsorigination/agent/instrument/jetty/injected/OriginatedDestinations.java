package org.tlsorigination.agent.instrument.jetty.injected;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Arrays;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.eclipse.jetty.client.Connection;
import org.eclipse.jetty.client.Destination;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.HttpProxy;
import org.eclipse.jetty.client.Origin;
import org.eclipse.jetty.client.ProxyConfiguration;
import org.eclipse.jetty.client.Socks4Proxy;
import org.eclipse.jetty.client.Socks5Proxy;
import org.eclipse.jetty.client.transport.HttpDestination;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.Transport;
import org.eclipse.jetty.io.ssl.SslClientConnectionFactory;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.util.Promise;
import org.tlsorigination.agent.bootstrap.Origination;
import org.tlsorigination.agent.bootstrap.Route;

/**
 * Jetty HttpClient's originated connections, in Jetty's class loader. A plain http connection that a rule originates
 * gets the route's port and, in its connect context, an {@code SslContextFactory} over the rule's context, so Jetty
 * layers its own TLS over it; the pool stays keyed by the app's http destination, all of whose connections are then
 * TLS. A destination keeps one started factory per rule context, as a bean that stops with it.
 *
 * <p>Through the app's HTTP or SOCKS proxy, an originated request's destination is an https one at the rule's port
 * instead, tagged by {@link TunnelledOrigin}: Jetty opens its own tunnel to it through the proxy (its CONNECT, its
 * proxy authentication, its pool), writes the request in origin form with the app's Host header, and layers TLS in
 * the tunnel, with the rule's context in place of the app's.
 */
public final class OriginatedDestinations {
    /** Carries a connection's route from its connect to its TLS layer, and across its tries of each address. */
    static final String ROUTE_CONTEXT_KEY = "org.tlsorigination.agent.route";
    /**
     * Whether this Jetty's origins carry a transport, as 12.1's and the last 12.0 releases' do; found by name, as the
     * first 12.0 releases have no {@code Transport} type.
     */
    private static final boolean ORIGINS_HAVE_TRANSPORTS = Arrays.stream(Origin.class.getConstructors())
            .map(Constructor::getParameterTypes)
            .anyMatch(types -> types.length == 5 && types[4].getName().equals("org.eclipse.jetty.io.Transport"));

    private OriginatedDestinations() {
    }

    /**
     * The origin of a request to {@code origin}: for an http origin that a rule originates and that the app sends
     * through an HTTP or SOCKS proxy, an https origin at the rule's port, so Jetty tunnels to it, provided the app's
     * proxy settings send it through the same proxy; otherwise {@code origin}, whose connect then decides. A refusal
     * by the policy is left to that connect, which fails the request as a failed connect does.
     */
    public static Origin throughProxy(HttpClient client, Origin origin) {
        if (!"http".equals(origin.getScheme())) {
            return origin;
        }
        ProxyConfiguration.Proxy proxy = client.getProxyConfiguration().match(origin);
        if (!(proxy instanceof HttpProxy || proxy instanceof Socks5Proxy || proxy instanceof Socks4Proxy)) {
            return origin;
        }
        Route route = TunnelledOrigin.routeOf(origin.getAddress().getHost(), origin.getAddress().getPort());
        if (route == null) {
            return origin;
        }
        Origin tunnelled = tunnelledOrigin(origin, route);
        return client.getProxyConfiguration().match(tunnelled) == proxy ? tunnelled : origin;
    }

    /** The https origin at the route's port, by the constructor this Jetty has, with the app's transport if any. */
    private static Origin tunnelledOrigin(Origin origin, Route route) {
        Origin.Address address = new Origin.Address(origin.getAddress().getHost(), route.port());
        TunnelledOrigin tag = new TunnelledOrigin(route, origin.getTag());
        return ORIGINS_HAVE_TRANSPORTS ? new Origin("https", address, tag, origin.getProtocol(), origin.getTransport())
                : new Origin("https", address, tag, origin.getProtocol());
    }

    /**
     * The address to connect to: the route's port for an originated connection, whose context then holds the rule's
     * TLS; a tunnelled one connects to its proxy. A refusal, by the policy or because an HTTP proxy would see the
     * request in plain text, or a TLS layer that cannot start, fails the connection's promise, as a failed connect
     * does; returns null then.
     */
    public static SocketAddress connectAddress(SocketAddress address, Map<String, Object> context) {
        if (!(address instanceof InetSocketAddress requested)
                || !(context.get(Destination.CONTEXT_KEY) instanceof HttpDestination destination)) {
            return address;
        }
        try {
            Route route = (Route) context.get(ROUTE_CONTEXT_KEY);
            if (route == null) {
                route = originate(destination, context);
                if (route == null) {
                    return address;
                }
            }
            if (destination.getProxy() != null) {
                return address;
            }
            InetSocketAddress routed = Origination.atRoutedPort(requested, route);
            context.put(ClientConnector.REMOTE_SOCKET_ADDRESS_CONTEXT_KEY, routed);
            return routed;
        } catch (ConnectException | RuntimeException refused) {
            ((Promise<?>) context.get(Connection.PROMISE_CONTEXT_KEY)).failed(refused);
            return null;
        }
    }

    private static Route originate(HttpDestination destination, Map<String, Object> context)
            throws ConnectException {
        if (destination.getProxy() != null) {
            return throughItsProxy(destination, context, Connection.PROMISE_CONTEXT_KEY);
        }
        // Secured by the app or over a secure transport: left alone.
        if (context.containsKey(ClientConnector.SSL_CONTEXT_FACTORY_CONTEXT_KEY)
                || context.get(Transport.CONTEXT_KEY) instanceof Transport transport && transport.isIntrinsicallySecure()) {
            return null;
        }
        Route route = Origination.routeScheme(destination.getScheme(), destination.getHost(), destination.getPort());
        if (route != null) {
            context.put(ClientConnector.SSL_CONTEXT_FACTORY_CONTEXT_KEY, DestinationTls.forRoute(destination, route));
            context.put(ROUTE_CONTEXT_KEY, route);
        }
        return route;
    }

    /**
     * The route of a connection to the proxy of {@code destination}: a tunnelled origin's, whose promise under
     * {@code promiseKey} then names the proxy on a refused CONNECT. Any other destination through a proxy is refused
     * if a rule originates it, as the proxy would see its request in plain text, else left alone (null).
     */
    static Route throughItsProxy(HttpDestination destination, Map<String, Object> context, String promiseKey)
            throws ConnectException {
        Origin.Address proxy = destination.getProxy().getAddress();
        Route route = TunnelledOrigin.throughProxy(destination.getOrigin().getTag(), destination.getScheme(),
                destination.getHost(), destination.getPort(), proxy.getHost(), proxy.getPort());
        if (route != null) {
            @SuppressWarnings("unchecked")
            Promise<Connection> promise = (Promise<Connection>) context.get(promiseKey);
            context.put(promiseKey, new ProxyAnswerPromise(promise, destination.getHost(), destination.getPort(),
                    proxy.asString()));
            context.put(ROUTE_CONTEXT_KEY, route);
        }
        return route;
    }

    /**
     * The TLS connection of an originated tunnel, over the rule's context, where Jetty would layer its own
     * ({@code factory}'s) once the proxy opened the tunnel; null for any other TLS layer, the proxy's own among them.
     */
    public static org.eclipse.jetty.io.Connection withRuleTls(SslClientConnectionFactory factory, EndPoint endPoint,
                                                              Map<String, Object> context) throws IOException {
        if (!(context.get(ROUTE_CONTEXT_KEY) instanceof Route route)
                || !(context.get(Destination.CONTEXT_KEY) instanceof HttpDestination destination)
                || !isTunnelTls(factory.getSslContextFactory().getSslContext(), destination, route,
                        context.get(ClientConnector.REMOTE_SOCKET_ADDRESS_CONTEXT_KEY))
                || !(context.get(ClientConnector.CONTEXT_KEY) instanceof ClientConnector connector)) {
            return null;
        }
        return connector.newSslClientConnectionFactory(DestinationTls.forRoute(destination, route),
                factory.getWrapped()).newConnection(endPoint, context);
    }

    /**
     * Whether a TLS factory over {@code factoryTls}, not the rule's, is about to secure a proxied destination's tunnel to
     * the origin (the {@code remote} address: the origin's host at the route's port), not the connection to the proxy.
     */
    static boolean isTunnelTls(SSLContext factoryTls, HttpDestination destination, Route route, Object remote) {
        return destination.getProxy() != null && factoryTls != route.sslContext()
                && remote instanceof InetSocketAddress address && address.getPort() == route.port()
                && address.getHostString().equalsIgnoreCase(destination.getHost());
    }

    /** Bounds the handshake of an originated connection by the connect timeout ({@link HandshakeDeadline}). */
    public static void boundHandshake(EndPoint endPoint, Map<String, Object> context) {
        if (context.get(ROUTE_CONTEXT_KEY) instanceof Route route
                && context.get(ClientConnector.CONTEXT_KEY) instanceof ClientConnector connector
                && context.get(SSLEngine.class.getName()) instanceof SSLEngine engine) {
            HandshakeDeadline.schedule(connector.getScheduler(), connector.getConnectTimeout().toMillis(), route,
                    engine, endPoint::close);
        }
    }

    /** The failure of a request on {@code endPoint} as the app must see it: named if an originated handshake failed. */
    public static Throwable failureOf(EndPoint endPoint, Throwable failure) {
        return endPoint instanceof SslConnection.SslEndPoint tls
                ? Origination.failureOf(tls.getSslConnection().getSSLEngine(), failure) : failure;
    }
}
