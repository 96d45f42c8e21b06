package org.tlsorigination.agent.instrument.apache.asyncclient5;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.atomic.AtomicReference;
import net.bytebuddy.asm.Advice;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.net.NamedEndpoint;
import org.apache.hc.core5.reactor.ProtocolIOSession;
import org.apache.hc.core5.reactor.ssl.SSLIOSession;
import org.apache.hc.core5.reactor.ssl.SSLSessionInitializer;
import org.apache.hc.core5.util.Timeout;
import org.tlsorigination.agent.bootstrap.Origination;
import org.tlsorigination.agent.bootstrap.Route;
import org.tlsorigination.agent.instrument.ClientFamily;
import org.tlsorigination.agent.instrument.Hook;
import org.tlsorigination.agent.instrument.apache.asyncclient5.injected.OriginatedHandshake;
import org.tlsorigination.agent.instrument.apache.asyncclient5.injected.OriginatedTunnels;

/**
 * Apache HttpClient 5 async (tested: 5.0 and 5.6.5, on HttpCore 5.0 and 5.4.4). Every connection its operator opens
 * is one HttpCore {@code IOSessionRequest}, made with the normalized {@code HttpHost} and a resolved address, and
 * completed with the new session before the session's first I/O event: where the client starts its own TLS for https.
 * So a plain http request is moved to the route's port, and its completion starts TLS from {@link Route#sslContext()}
 * on the session; no callback object is needed. The pool keeps and reuses the session, so N requests cost one
 * handshake. Through an HTTP proxy, an originated route becomes a tunnelled, layered one to the rule's port, so the
 * client opens its own tunnel and the agent layers the rule's TLS in it ({@link OriginatedTunnels}).
 */
public final class ApacheHttpAsyncClient5Instrumentation {
    private static final String ASYNC_CLIENT = "org.apache.hc.client5.http.impl.async.InternalHttpAsyncClient";
    private static final String CONNECT_EXEC_TYPE = "org.apache.hc.client5.http.impl.async.AsyncConnectExec";
    private static final String MANAGER = "org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager";
    private static final String OPERATOR = "org.apache.hc.client5.http.impl.nio.DefaultAsyncClientConnectionOperator";
    private static final String ENDPOINT = "org.apache.hc.client5.http.nio.AsyncConnectionEndpoint";
    private static final String CONNECTION = "org.apache.hc.client5.http.nio.ManagedAsyncClientConnection";
    private static final String CALLBACK = "org.apache.hc.core5.concurrent.FutureCallback";
    private static final String CONTEXT = "org.apache.hc.core5.http.protocol.HttpContext";
    private static final String HOST = "org.apache.hc.core5.http.HttpHost";
    private static final String SESSION_REQUEST = "org.apache.hc.core5.reactor.IOSessionRequest";
    private static final String DATA_CHANNEL = "org.apache.hc.core5.reactor.InternalDataChannel";
    private static final String TLS = "org.apache.hc.core5.reactor.ssl.";

    /** HttpCore 5.0 to 5.4: takes the address to connect to. */
    static final Hook NEW_SESSION_REQUEST = Hook.constructor(SESSION_REQUEST, "org.apache.hc.core5.net.NamedEndpoint",
            "java.net.SocketAddress", "java.net.SocketAddress", "org.apache.hc.core5.util.Timeout", "java.lang.Object",
            "org.apache.hc.core5.concurrent.FutureCallback");

    /** HttpCore 5.0 to 5.4: hands the connected session to the client. */
    static final Hook COMPLETED = Hook.method(SESSION_REQUEST, "completed",
            "org.apache.hc.core5.reactor.ProtocolIOSession");

    /** HttpCore 5.0 to 5.4: where the reactor hands a session's failure, and its timeout, to the client. */
    static final Hook ON_EXCEPTION = Hook.method(DATA_CHANNEL, "onException", "java.lang.Exception");
    static final Hook ON_TIMEOUT = Hook.method(DATA_CHANNEL, "onTimeout", "org.apache.hc.core5.util.Timeout");
    /**
     * HttpCore 5.0 to 5.4: where TLS starts on a session, the agent's on a new session or in a tunnel. Where there is
     * an overload with a callback (5.3 and 5.4 have one), the one without hands on to it.
     */
    static final Hook START_TLS = Hook.method(DATA_CHANNEL, "startTls", "javax.net.ssl.SSLContext",
            "org.apache.hc.core5.net.NamedEndpoint", TLS + "SSLBufferMode", TLS + "SSLSessionInitializer",
            TLS + "SSLSessionVerifier", "org.apache.hc.core5.util.Timeout", CALLBACK);
    static final Hook START_TLS_5_0 = Hook.method(DATA_CHANNEL, "startTls", "javax.net.ssl.SSLContext",
            "org.apache.hc.core5.net.NamedEndpoint", TLS + "SSLBufferMode", TLS + "SSLSessionInitializer",
            TLS + "SSLSessionVerifier", "org.apache.hc.core5.util.Timeout");
    /** HttpCore 5.0 to 5.4: where the client sets a session's timeout, past its TLS layer. */
    static final Hook SET_TIMEOUT = Hook.method(DATA_CHANNEL, "setSocketTimeout", "org.apache.hc.core5.util.Timeout");

    /**
     * HttpClient 5.0 to 5.6: every request passes here with its route, before a connection is leased or opened. An
     * app on HttpCore's own requester has no HttpClient, and no client-level proxy.
     */
    static final Hook CONNECT_EXEC = Hook.method(CONNECT_EXEC_TYPE, "execute",
            "org.apache.hc.core5.http.HttpRequest", "org.apache.hc.core5.http.nio.AsyncEntityProducer",
            "org.apache.hc.client5.http.async.AsyncExecChain$Scope", "org.apache.hc.client5.http.async.AsyncExecChain",
            "org.apache.hc.client5.http.async.AsyncExecCallback").whereItsTypeIsPresent();

    /** Every building of a route not yet established, hop by hop, with the request's callback. */
    static final Hook NEXT_HOP = Hook.method(CONNECT_EXEC_TYPE, "proceedToNextHop",
            "org.apache.hc.client5.http.impl.async.AsyncConnectExec$State", "org.apache.hc.core5.http.HttpRequest",
            "org.apache.hc.core5.http.nio.AsyncEntityProducer", "org.apache.hc.client5.http.async.AsyncExecChain$Scope",
            "org.apache.hc.client5.http.async.AsyncExecChain", "org.apache.hc.client5.http.async.AsyncExecCallback")
            .whereItsTypeIsPresent();

    /** HttpClient 5.6: the route of every request, with or without a proxy. */
    static final Hook DETERMINE_ROUTE = Hook.method(ASYNC_CLIENT, "determineRoute", HOST,
            "org.apache.hc.core5.http.HttpRequest", "org.apache.hc.client5.http.protocol.HttpClientContext")
            .whereItsTypeIsPresent();
    /** HttpClient 5.6: a tunnelled route's TLS step, in the pool, then in its operator. */
    static final Hook UPGRADE = Hook.method(MANAGER, "upgrade", ENDPOINT, "java.lang.Object", CONTEXT, CALLBACK)
            .whereItsTypeIsPresent();
    static final Hook OPERATOR_UPGRADE = Hook.method(OPERATOR, "upgrade", CONNECTION, HOST,
            "org.apache.hc.core5.net.NamedEndpoint", "java.lang.Object", CONTEXT, CALLBACK).whereItsTypeIsPresent();

    /** HttpClient 5.0: the same three, before they took the request and a callback. */
    static final Hook DETERMINE_ROUTE_5_0 = Hook.method(ASYNC_CLIENT, "determineRoute", HOST,
            "org.apache.hc.client5.http.protocol.HttpClientContext").whereItsTypeIsPresent();
    static final Hook UPGRADE_5_0 = Hook.method(MANAGER, "upgrade", ENDPOINT, "java.lang.Object", CONTEXT)
            .whereItsTypeIsPresent();
    static final Hook OPERATOR_UPGRADE_5_0 = Hook.method(OPERATOR, "upgrade", CONNECTION, HOST, "java.lang.Object")
            .whereItsTypeIsPresent();

    /** The advice through a proxy, nested in a class of its own. */
    private static final String TUNNEL_ADVICE = "org.tlsorigination.agent.instrument.apache.asyncclient5.TunnelAdvice$";

    /** The classic client's helper, which the async one shares. */
    private static final String CLASSIC_CONNECTIONS =
            "org.tlsorigination.agent.instrument.apache.httpclient5.injected.OriginatedConnections";

    /** Both session hooks or neither: a moved port without TLS would send the request in plain text to the TLS port. */
    public static final ClientFamily FAMILY = ClientFamily.named("apache-httpclient-5-async",
                    "Apache HttpClient 5 async", ApacheHttpAsyncClient5Instrumentation.class)
            .library("Apache HttpCore", "HttpCore 5.0 to 5.4.4, under HttpClient 5.0 to 5.6.5",
                    "org/apache/hc/core5/version.properties")
            .relocatable("org.apache.hc")
            .generation("HttpClient 5.6", NEW_SESSION_REQUEST.advisedBy("ConnectToRoutedPortAdvice"),
                    COMPLETED.advisedBy("StartTlsAdvice"), START_TLS.advisedBy("KeepHandshakeAdvice"),
                    CONNECT_EXEC.advisedBy(TUNNEL_ADVICE + "ProxiedRoute"),
                    NEXT_HOP.advisedBy(TUNNEL_ADVICE + "NextHop"), DETERMINE_ROUTE.advisedBy(TUNNEL_ADVICE + "Tunnel"),
                    UPGRADE.advisedBy(TUNNEL_ADVICE + "Layering"),
                    OPERATOR_UPGRADE.advisedBy(TUNNEL_ADVICE + "SecureTunnel"),
                    ON_EXCEPTION.advisedBy("NamedFailureAdvice"), ON_TIMEOUT.advisedBy("HandshakeTimeoutAdvice"),
                    SET_TIMEOUT.advisedBy("ResponseTimeoutAdvice"))
            .generation("HttpClient 5.0", NEW_SESSION_REQUEST.advisedBy("ConnectToRoutedPortAdvice"),
                    COMPLETED.advisedBy("StartTlsAdvice"), START_TLS_5_0.advisedBy("KeepHandshakeAdvice"),
                    CONNECT_EXEC.advisedBy(TUNNEL_ADVICE + "ProxiedRoute"),
                    NEXT_HOP.advisedBy(TUNNEL_ADVICE + "NextHop"),
                    DETERMINE_ROUTE_5_0.advisedBy(TUNNEL_ADVICE + "Tunnel"),
                    UPGRADE_5_0.advisedBy(TUNNEL_ADVICE + "Layering"),
                    OPERATOR_UPGRADE_5_0.advisedBy(TUNNEL_ADVICE + "SecureTunnel50"),
                    ON_EXCEPTION.advisedBy("NamedFailureAdvice"), ON_TIMEOUT.advisedBy("HandshakeTimeoutAdvice"),
                    SET_TIMEOUT.advisedBy("ResponseTimeoutAdvice"))
            .helpers(CLASSIC_CONNECTIONS, "OriginatedTunnels", "OriginatedHandshake")
            .build();

    private ApacheHttpAsyncClient5Instrumentation() {
    }

    /** Moves a resolved address of a plain http endpoint to the route's port. */
    public static final class ConnectToRoutedPortAdvice {

        private ConnectToRoutedPortAdvice() {
        }

        @Advice.OnMethodEnter
        public static void connectToRoutedPort(@Advice.Argument(0) NamedEndpoint endpoint,
                                               @Advice.Argument(value = 1, readOnly = false)
                                               SocketAddress remoteAddress) throws IOException {
            Route route = endpoint instanceof HttpHost && remoteAddress instanceof InetSocketAddress
                    ? Origination.routeScheme(((HttpHost) endpoint).getSchemeName(), endpoint.getHostName(),
                            endpoint.getPort())
                    : null;
            if (route != null) {
                remoteAddress = Origination.atRoutedPort((InetSocketAddress) remoteAddress, route);
            }
        }
    }

    /**
     * Starts TLS on the new session before the reactor reports it connected, so the client's protocol handler starts
     * only after the handshake and its first byte is encrypted. The app's connect timeout bounds the handshake, as it
     * bounds the client's own.
     */
    public static final class StartTlsAdvice {

        private StartTlsAdvice() {
        }

        @Advice.OnMethodEnter
        public static void startTls(@Advice.FieldValue("remoteEndpoint") NamedEndpoint endpoint,
                                    @Advice.FieldValue("remoteAddress") SocketAddress remoteAddress,
                                    @Advice.FieldValue("timeout") Timeout connectTimeout,
                                    @Advice.Argument(0) ProtocolIOSession session) throws IOException {
            Route route = endpoint instanceof HttpHost && remoteAddress instanceof InetSocketAddress
                    ? Origination.routeScheme(((HttpHost) endpoint).getSchemeName(), endpoint.getHostName(),
                            endpoint.getPort())
                    : null;
            if (route != null) {
                OriginatedHandshake.startTls(session, route, endpoint.getHostName(), connectTimeout);
            } else if (remoteAddress instanceof InetSocketAddress
                    && ((InetSocketAddress) remoteAddress).getPort() != endpoint.getPort()) {
                session.close(CloseMode.IMMEDIATE); // moved to a TLS port by a rule that a reload has since removed
            }
        }
    }

    /** Keeps the agent's handshake by the session it runs on, wherever the agent started it. */
    public static final class KeepHandshakeAdvice {

        private KeepHandshakeAdvice() {
        }

        @Advice.OnMethodEnter
        public static void keepHandshake(@Advice.This Object session,
                                         @Advice.Argument(3) SSLSessionInitializer initializer) {
            OriginatedHandshake.starting(session, initializer);
        }
    }

    /** A failure that ended an originated handshake reaches the client naming the host, the port and the reason. */
    public static final class NamedFailureAdvice {

        private NamedFailureAdvice() {
        }

        @Advice.OnMethodEnter
        public static void nameFailure(@Advice.This Object session,
                                       @Advice.Argument(value = 0, readOnly = false) Exception cause) {
            cause = OriginatedHandshake.failure(session, cause);
        }
    }

    /**
     * The handshake timeout of an originated session fails it naming the host and the timeout, in place of the
     * client's own; the reactor hands what this throws to {@link NamedFailureAdvice}'s method.
     */
    public static final class HandshakeTimeoutAdvice {

        private HandshakeTimeoutAdvice() {
        }

        @Advice.OnMethodEnter
        public static void failUnfinishedHandshake(@Advice.This Object session, @Advice.Argument(0) Timeout timeout)
                throws IOException {
            OriginatedHandshake.failUnfinished(session, timeout);
        }
    }

    /** The response timeout a request sets during an originated handshake holds once it is done, as over https. */
    public static final class ResponseTimeoutAdvice {

        private ResponseTimeoutAdvice() {
        }

        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        public static boolean keepTimeout(@Advice.This Object session, @Advice.Argument(0) Timeout timeout,
                                          @Advice.FieldValue("tlsSessionRef") AtomicReference<SSLIOSession> tls) {
            return OriginatedHandshake.keptForAfterHandshake(session, tls.get(), timeout);
        }
    }
}
