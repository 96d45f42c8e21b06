package org.tlsorigination.agent.instrument.jetty.injected;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLEngine;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpDestination;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.io.ClientConnectionFactory;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.SslClientConnectionFactory;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.tlsorigination.agent.bootstrap.Origination;
import org.tlsorigination.agent.bootstrap.Route;

/**
 * Jetty HttpClient 12.0's originated connections, in Jetty's class loader. 12.0 chooses TLS by the destination's
 * scheme, not per connect: its transport puts the destination's plain connection factory in the connect context, and
 * for an originated destination the agent layers the rule's TLS over that factory there, before the connector
 * connects to the route's port. Through the app's proxy, 12.0 tunnels as 12.1 does ({@link OriginatedDestinations}):
 * the connect goes to the proxy as it was, and the TLS that Jetty layers in the tunnel takes the rule's context. The
 * agent is compiled against 12.1, which names these context keys otherwise, so 12.0's are spelled out, and builds its
 * TLS factory with the constructor that 12.1 and 12.0.4 on have, which 12.0.0 to 12.0.3 have with a wider type.
 */
public final class OriginatedConnectContexts {
    private static final String CLIENT_KEY = "org.eclipse.jetty.client";
    private static final String DESTINATION_KEY = "org.eclipse.jetty.client.destination";
    private static final String PROMISE_KEY = "org.eclipse.jetty.client.connection.promise";
    private static final String CONNECTOR_KEY = "org.eclipse.jetty.client.connector";
    private static final String CONNECTION_FACTORY_KEY = "org.eclipse.jetty.client.connector.clientConnectionFactory";
    private static final String REMOTE_ADDRESS_KEY = "org.eclipse.jetty.client.connector.remoteSocketAddress";
    private static final String SSL_ENGINE_KEY = "org.eclipse.jetty.client.ssl.engine";
    private static final MethodHandle NEW_TLS_FACTORY = tlsFactoryConstructor();

    private OriginatedConnectContexts() {
    }

    /**
     * At the transport's connect of one address: the route's port for an originated connection, whose route the
     * context then carries across its tries of each address; a tunnelled one connects to its proxy. A refusal, by
     * the policy or because an HTTP proxy would see the request in plain text, fails the connection's promise, as a
     * failed connect does; returns null then.
     */
    public static SocketAddress connectAddress(SocketAddress address, Map<String, Object> context) {
        if (!(address instanceof InetSocketAddress requested)
                || !(context.get(DESTINATION_KEY) instanceof HttpDestination destination)) {
            return address;
        }
        try {
            Route route = (Route) context.get(OriginatedDestinations.ROUTE_CONTEXT_KEY);
            if (route == null) {
                route = originate(destination, context);
                if (route == null) {
                    return address;
                }
            }
            return destination.getProxy() != null ? address : Origination.atRoutedPort(requested, route);
        } catch (ConnectException | RuntimeException refused) {
            ((Promise<?>) context.get(PROMISE_KEY)).failed(refused);
            return null;
        }
    }

    /** An https destination's connections are secured by the app. */
    private static Route originate(HttpDestination destination, Map<String, Object> context)
            throws ConnectException {
        if (destination.getProxy() != null) {
            return OriginatedDestinations.throughItsProxy(destination, context, PROMISE_KEY);
        }
        Route route = Origination.routeScheme(destination.getScheme(), destination.getHost(), destination.getPort());
        if (route != null) {
            context.put(OriginatedDestinations.ROUTE_CONTEXT_KEY, route);
        }
        return route;
    }

    /**
     * At the connector's connect, once the transport has put the destination's connection factory in the context:
     * an originated connection's factory is layered under the rule's TLS, once, whichever address is tried. A
     * tunnelled one's is left as it is, since it first speaks to the proxy.
     */
    public static void layerTls(Map<String, Object> context) {
        if (context.get(OriginatedDestinations.ROUTE_CONTEXT_KEY) instanceof Route route
                && context.get(DESTINATION_KEY) instanceof HttpDestination destination
                && destination.getProxy() == null
                && context.get(CLIENT_KEY) instanceof HttpClient client
                && context.get(CONNECTION_FACTORY_KEY) instanceof ClientConnectionFactory plain
                && !(plain instanceof SslClientConnectionFactory)) {
            context.put(CONNECTION_FACTORY_KEY,
                    tlsFactory(DestinationTls.forRoute(destination, route), client, plain));
        }
    }

    /**
     * As {@link OriginatedDestinations#withRuleTls}, with 12.0's context keys, for a TLS factory over {@code tls} that
     * wraps {@code wrapped}: the advice reads both from the factory's fields, which 12.0.4 renamed.
     */
    public static Connection withRuleTls(SslContextFactory tls, ClientConnectionFactory wrapped, EndPoint endPoint,
                                         Map<String, Object> context) throws IOException {
        if (!(context.get(OriginatedDestinations.ROUTE_CONTEXT_KEY) instanceof Route route)
                || !(context.get(DESTINATION_KEY) instanceof HttpDestination destination)
                || !OriginatedDestinations.isTunnelTls(tls.getSslContext(), destination, route,
                        context.get(REMOTE_ADDRESS_KEY))
                || !(context.get(CLIENT_KEY) instanceof HttpClient client)) {
            return null;
        }
        return tlsFactory(DestinationTls.forRoute(destination, route), client, wrapped)
                .newConnection(endPoint, context);
    }

    /**
     * The connection the TLS factory returns: the one over the rule's TLS where {@link #withRuleTls} made one, else
     * Jetty's own, whose handshake the route's deadline bounds when it is originated.
     */
    public static Connection withRuleTlsOrDeadline(Connection withRuleTls, Connection jettys, EndPoint endPoint,
                                                   Map<String, Object> context) {
        if (withRuleTls != null) {
            return withRuleTls;
        }
        if (context.get(OriginatedDestinations.ROUTE_CONTEXT_KEY) instanceof Route route
                && context.get(CONNECTOR_KEY) instanceof ClientConnector connector
                && context.get(SSL_ENGINE_KEY) instanceof SSLEngine engine) {
            HandshakeDeadline.schedule(connector.getScheduler(), connector.getConnectTimeout().toMillis(), route,
                    engine, endPoint::close);
        }
        return jettys;
    }

    private static SslClientConnectionFactory tlsFactory(SslContextFactory.Client tls, HttpClient client,
                                                         ClientConnectionFactory wrapped) {
        try {
            return (SslClientConnectionFactory) NEW_TLS_FACTORY.invoke(tls, client.getByteBufferPool(),
                    client.getExecutor(), wrapped);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** The family's gate has checked that one of the two is there. */
    private static MethodHandle tlsFactoryConstructor() {
        MethodType fromClientTls = MethodType.methodType(void.class, SslContextFactory.Client.class,
                ByteBufferPool.class, Executor.class, ClientConnectionFactory.class);
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        try {
            return lookup.findConstructor(SslClientConnectionFactory.class, fromClientTls);
        } catch (NoSuchMethodException e) {
            try {
                return lookup.findConstructor(SslClientConnectionFactory.class,
                        fromClientTls.changeParameterType(0, SslContextFactory.class)).asType(
                        fromClientTls.changeReturnType(SslClientConnectionFactory.class));
            } catch (NoSuchMethodException | IllegalAccessException none) {
                throw new IllegalStateException(none);
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
