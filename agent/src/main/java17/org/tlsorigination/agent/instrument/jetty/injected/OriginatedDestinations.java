package org.tlsorigination.agent.instrument.jetty.injected;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLEngine;
import org.eclipse.jetty.client.Connection;
import org.eclipse.jetty.client.Destination;
import org.eclipse.jetty.client.Origin;
import org.eclipse.jetty.client.transport.HttpDestination;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.Transport;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.tlsorigination.agent.bootstrap.Origination;
import org.tlsorigination.agent.bootstrap.Route;

/**
 * Jetty HttpClient's originated connections, in Jetty's class loader. A plain http connection that a rule originates
 * gets the route's port and, in its connect context, an {@code SslContextFactory} over the rule's context, so Jetty
 * layers its own TLS over it; the pool stays keyed by the app's http destination, all of whose connections are then
 * TLS. A destination keeps one started factory per rule context, as a bean that stops with it.
 */
public final class OriginatedDestinations {
    /** Carries a connection's route from its connect to its TLS layer, and across its tries of each address. */
    static final String ROUTE_CONTEXT_KEY = "org.tlsorigination.agent.route";

    private OriginatedDestinations() {
    }

    /**
     * The address to connect to: the route's port for an originated connection, whose context then holds the rule's
     * TLS. A refusal, by the policy or because an HTTP proxy would see the request in plain text, or a TLS layer that
     * cannot start, fails the connection's promise, as a failed connect does; returns null then.
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
        // Secured by the app or over a secure transport: left alone.
        if (context.containsKey(ClientConnector.SSL_CONTEXT_FACTORY_CONTEXT_KEY)
                || context.get(Transport.CONTEXT_KEY) instanceof Transport transport && transport.isIntrinsicallySecure()) {
            return null;
        }
        if (destination.getProxy() != null) {
            Origin.Address proxy = destination.getProxy().getAddress();
            Origination.routeVia(destination.getScheme(), destination.getHost(), destination.getPort(),
                    proxy.getHost(), proxy.getPort());
            return null;
        }
        Route route = Origination.routeScheme(destination.getScheme(), destination.getHost(), destination.getPort());
        if (route != null) {
            context.put(ClientConnector.SSL_CONTEXT_FACTORY_CONTEXT_KEY, tlsFor(destination, route));
            context.put(ROUTE_CONTEXT_KEY, route);
        }
        return route;
    }

    /** The destination's started TLS factory over the rule's context, made once per context. */
    static SslContextFactory.Client tlsFor(HttpDestination destination, Route route) {
        for (SslContextFactory.Client candidate : destination.getBeans(SslContextFactory.Client.class)) {
            if (candidate.getSslContext() == route.sslContext()) {
                return candidate;
            }
        }
        SslContextFactory.Client tls = new SslContextFactory.Client();
        tls.setSslContext(route.sslContext());
        try {
            tls.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the TLS of " + route, e);
        }
        destination.addBean(tls, true);
        return tls;
    }

    /**
     * Jetty's connect timeout ends with the TCP connect; the same length then bounds the handshake of an originated
     * connection, whose failure closes the endpoint with the exception naming the host, failing the request.
     */
    public static void boundHandshake(EndPoint endPoint, Map<String, Object> context) {
        if (context.get(ROUTE_CONTEXT_KEY) instanceof Route route
                && context.get(ClientConnector.CONTEXT_KEY) instanceof ClientConnector connector
                && context.get(SSLEngine.class.getName()) instanceof SSLEngine engine) {
            scheduleDeadline(endPoint, route, connector, engine);
        }
    }

    static void scheduleDeadline(EndPoint endPoint, Route route, ClientConnector connector, SSLEngine engine) {
        int timeoutMillis = route.handshakeTimeoutMillis(
                (int) Math.min(connector.getConnectTimeout().toMillis(), Integer.MAX_VALUE));
        Callable<Void> deadline = route.handshakeDeadline(engine, timeoutMillis);
        connector.getScheduler().schedule(() -> {
            try {
                deadline.call();
            } catch (Exception timedOut) {
                endPoint.close(timedOut);
            }
        }, timeoutMillis, TimeUnit.MILLISECONDS);
    }
}
