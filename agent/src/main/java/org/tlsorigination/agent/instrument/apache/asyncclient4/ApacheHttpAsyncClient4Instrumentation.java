package org.tlsorigination.agent.instrument.apache.asyncclient4;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketAddress;
import net.bytebuddy.asm.Advice;
import org.apache.http.HttpResponse;
import org.apache.http.client.protocol.HttpClientContext;
import org.apache.http.conn.routing.HttpRoute;
import org.apache.http.nio.NHttpClientConnection;
import org.apache.http.protocol.HttpContext;
import org.tlsorigination.agent.instrument.ClientFamily;
import org.tlsorigination.agent.instrument.Hook;
import org.tlsorigination.agent.instrument.apache.asyncclient4.injected.OriginatedHandshake;
import org.tlsorigination.agent.instrument.apache.asyncclient4.injected.OriginatedSessions;
import org.tlsorigination.agent.instrument.apache.asyncclient4.injected.TargetSslContext;

/**
 * Apache HttpAsyncClient 4, non-blocking: its connection pool connects an originated http route to the route's port
 * and layers TLS from the rule's context over the new session ({@link OriginatedSessions}). A pooled connection has
 * its route established and is reused as it is, so N requests cost one handshake. Through an HTTP proxy, an
 * originated route becomes a tunnelled, layered one to the rule's port, so the client opens its own tunnel (its
 * CONNECT, its proxy credentials, its pool) and the agent layers the rule's TLS in it.
 */
public final class ApacheHttpAsyncClient4Instrumentation {
    private static final String EXECUTOR = "org.apache.http.nio.protocol.HttpAsyncRequestExecutor";

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

    /** 4.0 to 4.1.5: a tunnelled connection's route step that layers TLS in the tunnel. */
    static final Hook UPGRADE = Hook.method("org.apache.http.impl.nio.conn.PoolingNHttpClientConnectionManager",
            "upgrade", "org.apache.http.nio.NHttpClientConnection", "org.apache.http.conn.routing.HttpRoute",
            "org.apache.http.protocol.HttpContext");

    /** 4.0 to 4.1.5: a response the app is to get, a proxy's refusal of a tunnel among them. */
    static final Hook SET_FINAL_RESPONSE = Hook.method("org.apache.http.impl.nio.client.InternalState",
            "setFinalResponse", "org.apache.http.HttpResponse");

    /** HttpCore NIO 4.3 and 4.4: where the reactor hands a connection's failure, and its timeout, to the request. */
    static final Hook EXCEPTION = Hook.method(EXECUTOR, "exception", "org.apache.http.nio.NHttpClientConnection",
            "java.lang.Exception");
    static final Hook TIMEOUT = Hook.method(EXECUTOR, "timeout", "org.apache.http.nio.NHttpClientConnection");

    public static final ClientFamily FAMILY = ClientFamily.named("apache-httpasyncclient-4", "Apache HttpAsyncClient 4",
                    ApacheHttpAsyncClient4Instrumentation.class)
            .library("Apache HttpAsyncClient", "4.0 to 4.1.5", "org/apache/http/nio/client/version.properties")
            .markers("org.apache.http.nio.client.HttpAsyncClient")
            .relocatable("org.apache.http")
            .generation("4.1", RESOLVE_REMOTE_ADDRESS.advisedBy("ResolveRemoteAddressAdvice"),
                    START_ROUTE.advisedBy("StartRouteAdvice"), TLS_SESSION_FOR_HOST,
                    SET_ROUTE.advisedBy("ProxiedRouteAdvice"), UPGRADE.advisedBy("UpgradeAdvice"),
                    SET_FINAL_RESPONSE.advisedBy("ProxyAnswerAdvice"),
                    EXCEPTION.advisedBy("NamedFailureAdvice"), TIMEOUT.advisedBy("HandshakeTimeoutAdvice"))
            .generation("4.0", RESOLVE_REMOTE_ADDRESS.advisedBy("ResolveRemoteAddressAdvice"),
                    START_ROUTE.advisedBy("StartRouteOnRemoteHostAdvice"), TLS_SESSION,
                    SET_STATE_ROUTE.advisedBy("ProxiedRouteAdvice"),
                    UPGRADE.advisedBy("UpgradeToTargetAdvice"),
                    SET_FINAL_RESPONSE.advisedBy("ProxyAnswerAdvice"),
                    EXCEPTION.advisedBy("NamedFailureAdvice"), TIMEOUT.advisedBy("HandshakeTimeoutAdvice"))
            .helpers("OriginatedSessions", "TargetSslContext",
                    "TargetSslContext$Spi", "OriginatedHandshake")
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
     * An originated route through an HTTP proxy becomes the client's own tunnel to the rule's port: 4.1's exchange
     * handler and 4.0's request state both keep the exchange's context in {@code localContext}.
     */
    public static final class ProxiedRouteAdvice {

        private ProxiedRouteAdvice() {
        }

        @Advice.OnMethodEnter
        public static void tunnelThroughProxy(@Advice.Argument(value = 0, readOnly = false) HttpRoute route,
                                              @Advice.FieldValue("localContext") HttpClientContext context)
                throws ConnectException {
            route = OriginatedSessions.throughTunnel(route, context);
        }
    }

    /** Layers the rule's TLS in an originated tunnel, where the client would look up its https strategy. */
    public static final class UpgradeAdvice {

        private UpgradeAdvice() {
        }

        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        public static boolean secureTunnel(@Advice.Argument(0) NHttpClientConnection connection,
                                           @Advice.Argument(1) HttpRoute route,
                                           @Advice.Argument(2) HttpContext context) throws IOException {
            return OriginatedSessions.secureTunnel(connection, route, context);
        }
    }

    /** As {@link UpgradeAdvice}, on HttpCore NIO 4.3, whose TLS session is not told the host it is for. */
    public static final class UpgradeToTargetAdvice {

        private UpgradeToTargetAdvice() {
        }

        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        public static boolean secureTunnel(@Advice.Argument(0) NHttpClientConnection connection,
                                           @Advice.Argument(1) HttpRoute route,
                                           @Advice.Argument(2) HttpContext context) throws IOException {
            return OriginatedSessions.secureTunnelToTarget(connection, route, context);
        }
    }

    /** A proxy's answer to an originated tunnel's CONNECT fails the request instead of reaching the app. */
    public static final class ProxyAnswerAdvice {

        private ProxyAnswerAdvice() {
        }

        @Advice.OnMethodEnter
        public static void refuseProxyAnswer(@Advice.Argument(0) HttpResponse response,
                                             @Advice.FieldValue("localContext") HttpClientContext context)
                throws IOException {
            OriginatedSessions.refuseProxyAnswer(response, context);
        }
    }

    /** A failure that ended an originated handshake reaches the request naming the host, the port and the reason. */
    public static final class NamedFailureAdvice {

        private NamedFailureAdvice() {
        }

        @Advice.OnMethodEnter
        public static void nameFailure(@Advice.Argument(0) NHttpClientConnection connection,
                                       @Advice.Argument(value = 1, readOnly = false) Exception cause) {
            cause = OriginatedHandshake.failure(connection, cause);
        }
    }

    /**
     * A socket timeout during an originated handshake fails the request naming the host and the timeout, in place of
     * the executor's own; the reactor hands what the executor throws to {@link NamedFailureAdvice}'s method.
     */
    public static final class HandshakeTimeoutAdvice {

        private HandshakeTimeoutAdvice() {
        }

        @Advice.OnMethodEnter
        public static void failUnfinishedHandshake(@Advice.Argument(0) NHttpClientConnection connection)
                throws IOException {
            OriginatedHandshake.failUnfinished(connection);
        }
    }
}
