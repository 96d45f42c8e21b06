package org.tlsorigination.agent.instrument.jetty;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLEngine;
import net.bytebuddy.asm.Advice;
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
 * The advice {@link JettyClientInstrumentation} names, compiled at Jetty's release 17. It is inlined into Jetty's
 * classes and never loaded: it may use Jetty's types, the JDK's and the facade's, and method references to them, but
 * no lambda body or class of its own.
 */
public final class JettyClientAdvice {
    /** Carries a connection's route from its connect to its TLS layer, and across its tries of each address. */
    static final String ROUTE_CONTEXT_KEY = "org.tlsorigination.agent.route";

    private JettyClientAdvice() {
    }

    /**
     * Moves a plain http connection that a rule originates to the route's port and secures it with the rule's TLS
     * context. A destination keeps one started {@code SslContextFactory} per rule context, as a bean that stops with
     * it. A refusal, by the policy or because an HTTP proxy would see the request in plain text, fails the
     * connection's promise, as a failed connect does.
     */
    public static final class OriginateOnConnect {

        private OriginateOnConnect() {
        }

        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        public static boolean originate(@Advice.Argument(value = 0, readOnly = false) SocketAddress address,
                                        @Advice.Argument(1) Map<String, Object> context) {
            if (!(address instanceof InetSocketAddress requested)
                    || !(context.get(Destination.CONTEXT_KEY) instanceof HttpDestination destination)) {
                return false;
            }
            try {
                Route route = (Route) context.get(ROUTE_CONTEXT_KEY);
                if (route == null) {
                    // Secured by the app or over a secure transport: left alone.
                    if (context.containsKey(ClientConnector.SSL_CONTEXT_FACTORY_CONTEXT_KEY)
                            || context.get(Transport.CONTEXT_KEY) instanceof Transport transport
                                    && transport.isIntrinsicallySecure()) {
                        return false;
                    }
                    // An HTTP proxy would receive an originated request in plain text.
                    if (destination.getProxy() != null) {
                        Origin.Address proxy = destination.getProxy().getAddress();
                        Origination.refuseThroughProxy(destination.getScheme(), destination.getHost(),
                                destination.getPort(), proxy.getHost(), proxy.getPort());
                        return false;
                    }
                    route = Origination.routeScheme(destination.getScheme(), destination.getHost(),
                            destination.getPort());
                    if (route == null) {
                        return false;
                    }
                    SslContextFactory.Client tls = null;
                    for (SslContextFactory.Client candidate : destination.getBeans(SslContextFactory.Client.class)) {
                        if (candidate.getSslContext() == route.sslContext()) {
                            tls = candidate;
                        }
                    }
                    if (tls == null) {
                        tls = new SslContextFactory.Client();
                        tls.setSslContext(route.sslContext());
                        tls.start();
                        destination.addBean(tls, true);
                    }
                    context.put(ClientConnector.SSL_CONTEXT_FACTORY_CONTEXT_KEY, tls);
                    context.put(ROUTE_CONTEXT_KEY, route);
                }
                address = requested.isUnresolved()
                        ? InetSocketAddress.createUnresolved(requested.getHostString(), route.port())
                        : new InetSocketAddress(requested.getAddress(), route.port());
                context.put(ClientConnector.REMOTE_SOCKET_ADDRESS_CONTEXT_KEY, address);
                return false;
            } catch (Exception refused) {
                ((Promise<?>) context.get(Connection.PROMISE_CONTEXT_KEY)).failed(refused);
                return true;
            }
        }
    }

    /**
     * Jetty's connect timeout ends with the TCP connect; the same length then bounds the handshake of an originated
     * connection, whose failure closes the endpoint with the exception naming the host, failing the request.
     */
    public static final class BoundHandshake {

        private BoundHandshake() {
        }

        @Advice.OnMethodExit
        public static void scheduleDeadline(@Advice.Argument(0) EndPoint endPoint,
                                            @Advice.Argument(1) Map<String, Object> context) {
            if (context.get(ROUTE_CONTEXT_KEY) instanceof Route route
                    && context.get(ClientConnector.CONTEXT_KEY) instanceof ClientConnector connector
                    && context.get(SSLEngine.class.getName()) instanceof SSLEngine engine) {
                int timeoutMillis = route.handshakeTimeoutMillis(
                        (int) Math.min(connector.getConnectTimeout().toMillis(), Integer.MAX_VALUE));
                connector.getScheduler().schedule(
                        Origination.handshakeDeadline(route, engine, timeoutMillis, endPoint::close),
                        timeoutMillis, TimeUnit.MILLISECONDS);
            }
        }
    }
}
