package org.tlsorigination.agent.instrument.apache.asyncclient4;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketAddress;
import net.bytebuddy.asm.Advice;
import org.apache.http.HttpHost;
import org.apache.http.conn.routing.HttpRoute;
import org.apache.http.nio.NHttpClientConnection;
import org.tlsorigination.agent.bootstrap.Origination;
import org.tlsorigination.agent.instrument.ClientFamily;
import org.tlsorigination.agent.instrument.Hook;
import org.tlsorigination.agent.instrument.apache.asyncclient4.injected.OriginatedSessions;

/**
 * Apache HttpAsyncClient 4, non-blocking: its connection pool connects an originated http route to the route's port
 * and layers TLS from the rule's context over the new session ({@link OriginatedSessions}). A pooled connection has
 * its route established and is reused as it is, so N requests cost one handshake.
 */
public final class ApacheHttpAsyncClient4Instrumentation {

    /** 4.0 to 4.1.5: where the pool finds the address for a new connection (a bridge method takes an Object). */
    static final Hook RESOLVE_REMOTE_ADDRESS = Hook.method(
            "org.apache.http.impl.nio.conn.PoolingNHttpClientConnectionManager$InternalAddressResolver",
            "resolveRemoteAddress", "org.apache.http.conn.routing.HttpRoute");

    /** 4.0 to 4.1.5: a new connection's first route step, where https is layered over the plain session. */
    static final Hook START_ROUTE = Hook.method("org.apache.http.impl.nio.conn.PoolingNHttpClientConnectionManager",
            "startRoute", "org.apache.http.nio.NHttpClientConnection", "org.apache.http.conn.routing.HttpRoute",
            "org.apache.http.protocol.HttpContext");

    /**
     * 4.1: every request, and every redirect, is given its route here before a connection is requested; a refusal
     * fails the request's future.
     */
    static final Hook SET_ROUTE = Hook.method("org.apache.http.impl.nio.client.AbstractClientExchangeHandler",
            "setRoute", "org.apache.http.conn.routing.HttpRoute");

    /** 4.0.x: the request's state is given its route here, for the request and for every redirect. */
    static final Hook SET_STATE_ROUTE = Hook.method("org.apache.http.impl.nio.client.InternalState", "setRoute",
            "org.apache.http.conn.routing.HttpRoute");

    /** HttpCore NIO 4.4, which HttpAsyncClient 4.1 takes: a TLS session for a named host, its SNI and checked name. */
    static final Hook TLS_SESSION_FOR_HOST = Hook.publicConstructor("org.apache.http.nio.reactor.ssl.SSLIOSession",
            "org.apache.http.nio.reactor.IOSession", "org.apache.http.nio.reactor.ssl.SSLMode",
            "org.apache.http.HttpHost", "javax.net.ssl.SSLContext", "org.apache.http.nio.reactor.ssl.SSLSetupHandler");

    /** HttpCore NIO 4.3, which HttpAsyncClient 4.0 takes: the engine is made for the session's remote host name. */
    static final Hook TLS_SESSION = Hook.publicConstructor("org.apache.http.nio.reactor.ssl.SSLIOSession",
            "org.apache.http.nio.reactor.IOSession", "org.apache.http.nio.reactor.ssl.SSLMode",
            "javax.net.ssl.SSLContext", "org.apache.http.nio.reactor.ssl.SSLSetupHandler");

    public static final ClientFamily FAMILY = ClientFamily.named("apache-httpasyncclient-4", "Apache HttpAsyncClient 4")
            .library("Apache HttpAsyncClient", "4.0 to 4.1.5", "org/apache/http/nio/client/version.properties")
            .markers("org.apache.http.nio.client.HttpAsyncClient")
            .relocatable("org.apache.http")
            .generation("4.1", RESOLVE_REMOTE_ADDRESS.advisedBy(ResolveRemoteAddressAdvice.class),
                    START_ROUTE.advisedBy(StartRouteAdvice.class), TLS_SESSION_FOR_HOST,
                    SET_ROUTE.advisedBy(ProxiedRouteAdvice.class))
            .generation("4.0", RESOLVE_REMOTE_ADDRESS.advisedBy(ResolveRemoteAddressAdvice.class),
                    START_ROUTE.advisedBy(StartRouteOnRemoteHostAdvice.class), TLS_SESSION,
                    SET_STATE_ROUTE.advisedBy(ProxiedRouteAdvice.class))
            .helpers(OriginatedSessions.class.getName())
            .build();

    private ApacheHttpAsyncClient4Instrumentation() {
    }

    public static final class ResolveRemoteAddressAdvice {

        private ResolveRemoteAddressAdvice() {
        }

        @Advice.OnMethodExit
        public static void connectToRoutedPort(@Advice.Argument(0) HttpRoute route,
                                               @Advice.Return(readOnly = false) SocketAddress address)
                throws IOException {
            address = OriginatedSessions.connectAddress(route, address);
        }
    }

    public static final class StartRouteAdvice {

        private StartRouteAdvice() {
        }

        @Advice.OnMethodExit
        public static void secure(@Advice.Argument(0) NHttpClientConnection connection,
                                  @Advice.Argument(1) HttpRoute route) throws IOException {
            OriginatedSessions.secure(connection, route);
        }
    }

    public static final class StartRouteOnRemoteHostAdvice {

        private StartRouteOnRemoteHostAdvice() {
        }

        @Advice.OnMethodExit
        public static void secure(@Advice.Argument(0) NHttpClientConnection connection,
                                  @Advice.Argument(1) HttpRoute route) throws IOException {
            OriginatedSessions.secureOnRemoteHost(connection, route);
        }
    }

    /**
     * A route through an HTTP proxy would hand an originated request to the proxy in plain text: refused.
     */
    public static final class ProxiedRouteAdvice {

        private ProxiedRouteAdvice() {
        }

        @Advice.OnMethodEnter
        public static void refuseThroughProxy(@Advice.Argument(0) HttpRoute route) throws ConnectException {
            HttpHost proxy = route.getProxyHost();
            if (proxy != null) {
                HttpHost target = route.getTargetHost();
                Origination.routeVia(target.getSchemeName(), target.getHostName(), target.getPort(),
                        proxy.getHostName(), proxy.getPort());
            }
        }
    }
}
