package org.tlsorigination.agent.instrument.apache.asyncclient4.injected;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import org.apache.http.HttpHost;
import org.apache.http.HttpResponse;
import org.apache.http.client.protocol.HttpClientContext;
import org.apache.http.conn.routing.HttpRoute;
import org.apache.http.conn.routing.RouteInfo.LayerType;
import org.apache.http.conn.routing.RouteInfo.TunnelType;
import org.apache.http.impl.conn.DefaultSchemePortResolver;
import org.apache.http.nio.NHttpClientConnection;
import org.apache.http.nio.conn.ManagedNHttpClientConnection;
import org.apache.http.nio.reactor.IOSession;
import org.apache.http.nio.reactor.ssl.SSLIOSession;
import org.apache.http.nio.reactor.ssl.SSLMode;
import org.apache.http.protocol.HttpContext;
import org.apache.http.protocol.HttpCoreContext;
import org.tlsorigination.agent.bootstrap.Origination;
import org.tlsorigination.agent.bootstrap.ProxyTunnel;
import org.tlsorigination.agent.bootstrap.Route;

/**
 * HttpAsyncClient 4's originated connections, in the library's class loader. Its pool connects a direct http route to
 * the route's port, then layers TLS over the new session where it would layer the app's TLS for https. Both ask the
 * route table with the same host and port; should a reload change the answer in between, the second one, taken
 * before the first byte is written, decides whether TLS is layered.
 *
 * <p>Through an HTTP proxy, the request's route becomes a tunnelled and layered one to the rule's port whose target
 * keeps the {@code http} scheme, so the pool never mixes it with the app's own https routes; the exchange's context
 * carries the rule from the route to the layering and to the proxy's answer.
 */
public final class OriginatedSessions {
    private static final String ROUTE_ATTRIBUTE = "org.tlsorigination.agent.route";

    private OriginatedSessions() {
    }

    /** The address to connect a new connection of {@code route} to: the route's port for an originated one. */
    public static SocketAddress connectAddress(HttpRoute route, SocketAddress resolved) throws ConnectException {
        Route origination = originated(route, ((InetSocketAddress) resolved).getPort());
        return origination == null ? resolved : Origination.atRoutedPort((InetSocketAddress) resolved, origination);
    }

    /**
     * Layers TLS over a new direct http connection, as the app's https strategy would, before the request is written;
     * the engine checks the certificate as the rule says, and its failure names the host.
     */
    public static void secure(NHttpClientConnection connection, HttpRoute route) throws IOException {
        Route origination = originatedSession(connection, route);
        if (origination != null) {
            IOSession plain = ((ManagedNHttpClientConnection) connection).getIOSession();
            layer(connection, new SSLIOSession(plain, SSLMode.CLIENT,
                    new HttpHost(route.getTargetHost().getHostName(), origination.port()), origination.sslContext(),
                    OriginatedHandshake.of(plain, origination)));
        }
    }

    /**
     * As {@link #secure}, for HttpCore NIO 4.3, whose TLS session makes its engine for the host name of the session's
     * remote address: the name the pool resolved, which {@link #connectAddress} keeps.
     */
    public static void secureOnRemoteHost(NHttpClientConnection connection, HttpRoute route) throws IOException {
        Route origination = originatedSession(connection, route);
        if (origination != null) {
            IOSession plain = ((ManagedNHttpClientConnection) connection).getIOSession();
            layer(connection, new SSLIOSession(plain, SSLMode.CLIENT, origination.sslContext(),
                    OriginatedHandshake.of(plain, origination)));
        }
    }

    /**
     * The route of a new plain connection that must be originated, else null. The port is resolved as the pool
     * resolved it: HttpAsyncClientBuilder gives the pool the default resolver.
     */
    private static Route originatedSession(NHttpClientConnection connection, HttpRoute route) throws IOException {
        IOSession plain = ((ManagedNHttpClientConnection) connection).getIOSession();
        return plain instanceof SSLIOSession ? null
                : originated(route, DefaultSchemePortResolver.INSTANCE.resolve(route.getTargetHost()));
    }

    private static void layer(NHttpClientConnection connection, SSLIOSession tls) throws IOException {
        ManagedNHttpClientConnection managed = (ManagedNHttpClientConnection) connection;
        managed.getIOSession().setAttribute(SSLIOSession.SESSION_KEY, tls);
        tls.initialize();
        managed.bind(tls);
    }

    /**
     * The route a request to {@code route}'s target takes: through a proxy, for a host a rule originates, a tunnel to
     * the rule's port with TLS layered in it; otherwise {@code route} itself. A chain of proxies is refused for such a
     * host, as the client would not tunnel through it.
     */
    public static HttpRoute throughTunnel(HttpRoute route, HttpContext context) throws ConnectException {
        HttpHost proxy = route.getProxyHost();
        HttpHost target = route.getTargetHost();
        if (proxy == null || isOriginatedTunnel(route)) {
            return route;
        }
        Route origination = Origination.routeThroughTunnel(target.getSchemeName(), target.getHostName(),
                target.getPort(), proxy.getHostName(), proxy.getPort(), route.getHopCount() > 2);
        context.setAttribute(ROUTE_ATTRIBUTE, origination);
        return origination == null ? route : new HttpRoute(new HttpHost(target.getHostName(), origination.port(),
                target.getSchemeName()), route.getLocalAddress(), proxy, true, TunnelType.TUNNELLED,
                LayerType.LAYERED);
    }

    /** Layers the rule's TLS in an originated tunnel; false for any other route, which the client upgrades. */
    public static boolean secureTunnel(NHttpClientConnection connection, HttpRoute route, HttpContext context)
            throws IOException {
        Route origination = tunnelled(route, context);
        IOSession plain = ((ManagedNHttpClientConnection) connection).getIOSession();
        if (origination != null && !(plain instanceof SSLIOSession)) {
            layer(connection, new SSLIOSession(plain, SSLMode.CLIENT, new HttpHost(route.getTargetHost()
                    .getHostName(), origination.port()), origination.sslContext(),
                    OriginatedHandshake.of(plain, origination)));
        }
        return origination != null;
    }

    /**
     * As {@link #secureTunnel}, for HttpCore NIO 4.3, whose TLS session would make its engine for the proxy it is
     * connected to: the context it is given makes every engine for the tunnel's target.
     */
    public static boolean secureTunnelToTarget(NHttpClientConnection connection, HttpRoute route,
                                               HttpContext context) throws IOException {
        Route origination = tunnelled(route, context);
        IOSession plain = ((ManagedNHttpClientConnection) connection).getIOSession();
        if (origination != null && !(plain instanceof SSLIOSession)) {
            layer(connection, new SSLIOSession(plain, SSLMode.CLIENT, new TargetSslContext(origination.sslContext(),
                    route.getTargetHost().getHostName(), origination.port()),
                    OriginatedHandshake.of(plain, origination)));
        }
        return origination != null;
    }

    /** The rule of an originated tunnel's request, else null. */
    private static Route tunnelled(HttpRoute route, HttpContext context) {
        Object origination = context == null ? null : context.getAttribute(ROUTE_ATTRIBUTE);
        return origination instanceof Route && isOriginatedTunnel(route) ? (Route) origination : null;
    }

    /**
     * Fails an originated tunnel's request with the proxy's answer when the proxy did not open the tunnel (its answer
     * reaches the app before TLS is layered), rather than hand the app the proxy's page as the origin's.
     */
    public static void refuseProxyAnswer(HttpResponse response, HttpContext context) throws IOException {
        Object route = context.getAttribute(HttpClientContext.HTTP_ROUTE);
        Object connection = context.getAttribute(HttpCoreContext.HTTP_CONNECTION);
        if (context.getAttribute(ROUTE_ATTRIBUTE) instanceof Route && route instanceof HttpRoute
                && isOriginatedTunnel((HttpRoute) route) && connection instanceof ManagedNHttpClientConnection
                && !(((ManagedNHttpClientConnection) connection).getIOSession() instanceof SSLIOSession)) {
            HttpHost target = ((HttpRoute) route).getTargetHost();
            HttpHost proxy = ((HttpRoute) route).getProxyHost();
            throw ProxyTunnel.refused(target.getHostName(), target.getPort(), proxy.getHostName() + ":"
                    + proxy.getPort(), response.getStatusLine().getStatusCode() + " "
                    + response.getStatusLine().getReasonPhrase());
        }
    }

    private static boolean isOriginatedTunnel(HttpRoute route) {
        return route.getProxyHost() != null && route.isTunnelled() && route.isLayered()
                && "http".equalsIgnoreCase(route.getTargetHost().getSchemeName());
    }

    /** Proxied and https routes are left alone: a proxied one is tunnelled where a rule says, before it gets here. */
    private static Route originated(HttpRoute route, int port) throws ConnectException {
        HttpHost target = route.getTargetHost();
        return route.getProxyHost() == null ? Origination.routeScheme(target.getSchemeName(), target.getHostName(), port)
                : null;
    }
}
