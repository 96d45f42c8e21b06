package org.tlsorigination.agent.instrument.apache;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import org.apache.http.HttpHost;
import org.apache.http.conn.routing.HttpRoute;
import org.apache.http.impl.conn.DefaultSchemePortResolver;
import org.apache.http.nio.NHttpClientConnection;
import org.apache.http.nio.conn.ManagedNHttpClientConnection;
import org.apache.http.nio.reactor.IOSession;
import org.apache.http.nio.reactor.ssl.SSLIOSession;
import org.apache.http.nio.reactor.ssl.SSLMode;
import org.tlsorigination.agent.bootstrap.Origination;
import org.tlsorigination.agent.bootstrap.Route;
import org.tlsorigination.agent.instrument.ClientInstrumentation;
import org.tlsorigination.agent.instrument.Hook;
import org.tlsorigination.agent.instrument.MissingHookWarning;

/**
 * Apache HttpAsyncClient 4 (tested: 4.1 and 4.1.5), non-blocking: its connection pool is rewritten to connect a direct
 * http route to the route's port, and to layer TLS from {@link Route#sslContext()} over the new session where it
 * would layer the app's TLS for https. Both ask the route table with the same host and port; should a reload change
 * the answer in between, the second one, taken before the first byte is written, decides whether TLS is layered.
 * A pooled connection has its route established and is reused as it is, so N requests cost one handshake.
 */
public final class ApacheHttpAsyncClient4Instrumentation implements ClientInstrumentation {

    /** 4.0.2 to 4.1.5: where the pool finds the address for a new connection (a bridge method takes an Object). */
    static final Hook RESOLVE_REMOTE_ADDRESS = Hook.of(
            "org.apache.http.impl.nio.conn.PoolingNHttpClientConnectionManager$InternalAddressResolver",
            "resolveRemoteAddress", "org.apache.http.conn.routing.HttpRoute");

    /** 4.0.2 to 4.1.5: a new connection's first route step, where https is layered over the plain session. */
    static final Hook START_ROUTE = Hook.of("org.apache.http.impl.nio.conn.PoolingNHttpClientConnectionManager",
            "startRoute", "org.apache.http.nio.NHttpClientConnection", "org.apache.http.conn.routing.HttpRoute",
            "org.apache.http.protocol.HttpContext");

    /**
     * 4.1: every request, and every redirect, is given its route here before a connection is requested; a refusal
     * fails the request's future.
     */
    static final Hook SET_ROUTE = Hook.of("org.apache.http.impl.nio.client.AbstractClientExchangeHandler",
            "setRoute", "org.apache.http.conn.routing.HttpRoute");

    @Override
    public String family() {
        return "Apache HttpAsyncClient 4";
    }

    @Override
    public AgentBuilder instrument(AgentBuilder agent) {
        return agent.with(new MissingHookWarning("Apache HttpAsyncClient", "org.apache.http.nio.client.HttpAsyncClient",
                        "org/apache/http/nio/client/version.properties", RESOLVE_REMOTE_ADDRESS, START_ROUTE))
                .type(RESOLVE_REMOTE_ADDRESS.type())
                .transform(advice(RESOLVE_REMOTE_ADDRESS, ResolveRemoteAddressAdvice.class.getName()))
                .type(START_ROUTE.type())
                .transform(advice(START_ROUTE, StartRouteAdvice.class.getName()))
                .type(SET_ROUTE.type())
                // The blocking client's advice: the route is HttpClient 4's type in both, and the first argument.
                .transform(advice(SET_ROUTE, ApacheHttpClient4Instrumentation.ProxiedRouteAdvice.class.getName()));
    }

    private static AgentBuilder.Transformer advice(Hook hook, String adviceClass) {
        return new AgentBuilder.Transformer.ForAdvice()
                .include(ApacheHttpAsyncClient4Instrumentation.class.getClassLoader())
                .advice(hook.method(), adviceClass);
    }

    /** Moves a direct http route's connection to the route's port; proxied and https routes are left alone. */
    public static final class ResolveRemoteAddressAdvice {

        private ResolveRemoteAddressAdvice() {
        }

        @Advice.OnMethodExit
        public static void connectToRoutedPort(@Advice.Argument(0) HttpRoute route,
                                               @Advice.Return(readOnly = false) SocketAddress address)
                throws IOException {
            InetSocketAddress requested = (InetSocketAddress) address;
            Route origination = route.getProxyHost() == null && "http".equals(route.getTargetHost().getSchemeName())
                    ? Origination.route(route.getTargetHost().getHostName(), requested.getPort())
                    : null;
            if (origination != null) {
                address = new InetSocketAddress(requested.getAddress(), origination.port());
            }
        }
    }

    /**
     * Layers TLS over a new direct http connection, as the app's https strategy would, before the request is written;
     * the engine checks the certificate as the rule says, and its failure names the host. The port is resolved as the
     * pool resolved it: HttpAsyncClientBuilder gives the pool the default resolver.
     */
    public static final class StartRouteAdvice {

        private StartRouteAdvice() {
        }

        @Advice.OnMethodExit
        public static void secure(@Advice.Argument(0) NHttpClientConnection connection,
                                  @Advice.Argument(1) HttpRoute route) throws IOException {
            HttpHost target = route.getTargetHost();
            Route origination = route.getProxyHost() == null && "http".equals(target.getSchemeName())
                    ? Origination.route(target.getHostName(), DefaultSchemePortResolver.INSTANCE.resolve(target))
                    : null;
            if (origination != null) {
                ManagedNHttpClientConnection managed = (ManagedNHttpClientConnection) connection;
                IOSession plain = managed.getIOSession();
                if (!(plain instanceof SSLIOSession)) {
                    SSLIOSession tls = new SSLIOSession(plain, SSLMode.CLIENT,
                            new HttpHost(target.getHostName(), origination.port()), origination.sslContext(), null);
                    plain.setAttribute(SSLIOSession.SESSION_KEY, tls);
                    tls.initialize();
                    managed.bind(tls);
                }
            }
        }
    }
}
