package org.tlsorigination.agent.instrument.apache.asyncclient5;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import net.bytebuddy.asm.Advice;
import org.apache.hc.client5.http.async.AsyncExecChain;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.net.NamedEndpoint;
import org.apache.hc.core5.reactor.ProtocolIOSession;
import org.apache.hc.core5.util.Timeout;
import org.tlsorigination.agent.bootstrap.Origination;
import org.tlsorigination.agent.bootstrap.Route;
import org.tlsorigination.agent.instrument.ClientFamily;
import org.tlsorigination.agent.instrument.Hook;
import org.tlsorigination.agent.instrument.apache.httpclient5.injected.OriginatedConnections;

/**
 * Apache HttpClient 5 async (tested: 5.0 and 5.6.5, on HttpCore 5.0 and 5.4.4). Every connection its operator opens
 * is one HttpCore {@code IOSessionRequest}, made with the normalized {@code HttpHost} and a resolved address, and
 * completed with the new session before the session's first I/O event: where the client starts its own TLS for https.
 * So a plain http request is moved to the route's port, and its completion starts TLS from {@link Route#sslContext()}
 * on the session; no callback object is needed. The pool keeps and reuses the session, so N requests cost one
 * handshake.
 */
public final class ApacheHttpAsyncClient5Instrumentation {
    private static final String SESSION_REQUEST = "org.apache.hc.core5.reactor.IOSessionRequest";

    /** HttpCore 5.0 to 5.4: takes the address to connect to. */
    static final Hook NEW_SESSION_REQUEST = Hook.constructor(SESSION_REQUEST, "org.apache.hc.core5.net.NamedEndpoint",
            "java.net.SocketAddress", "java.net.SocketAddress", "org.apache.hc.core5.util.Timeout", "java.lang.Object",
            "org.apache.hc.core5.concurrent.FutureCallback");

    /** HttpCore 5.0 to 5.4: hands the connected session to the client. */
    static final Hook COMPLETED = Hook.method(SESSION_REQUEST, "completed",
            "org.apache.hc.core5.reactor.ProtocolIOSession");

    /**
     * HttpClient 5.0 to 5.6: every request passes here with its route, before a connection is leased or opened. An
     * app on HttpCore's own requester has no HttpClient, and no client-level proxy.
     */
    static final Hook CONNECT_EXEC = Hook.method("org.apache.hc.client5.http.impl.async.AsyncConnectExec", "execute",
            "org.apache.hc.core5.http.HttpRequest", "org.apache.hc.core5.http.nio.AsyncEntityProducer",
            "org.apache.hc.client5.http.async.AsyncExecChain$Scope", "org.apache.hc.client5.http.async.AsyncExecChain",
            "org.apache.hc.client5.http.async.AsyncExecCallback").whereItsTypeIsPresent();

    /** Both session hooks or neither: a moved port without TLS would send the request in plain text to the TLS port. */
    public static final ClientFamily FAMILY = ClientFamily.named("apache-httpclient-5-async",
                    "Apache HttpClient 5 async")
            .library("Apache HttpCore", "HttpCore 5.0 to 5.4.4, under HttpClient 5.0 to 5.6.5",
                    "org/apache/hc/core5/version.properties")
            .hooks(NEW_SESSION_REQUEST.advisedBy(ConnectToRoutedPortAdvice.class),
                    COMPLETED.advisedBy(StartTlsAdvice.class),
                    CONNECT_EXEC.advisedBy(ProxiedRouteAdvice.class))
            .helpers(OriginatedConnections.class.getName())
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
                session.startTls(route.sslContext(), new HttpHost(endpoint.getHostName(), route.port()), null, null,
                        null, connectTimeout);
            } else if (remoteAddress instanceof InetSocketAddress
                    && ((InetSocketAddress) remoteAddress).getPort() != endpoint.getPort()) {
                session.close(CloseMode.IMMEDIATE); // moved to a TLS port by a rule that a reload has since removed
            }
        }
    }

    public static final class ProxiedRouteAdvice {

        private ProxiedRouteAdvice() {
        }

        @Advice.OnMethodEnter
        public static void refuseThroughProxy(@Advice.Argument(2) AsyncExecChain.Scope scope)
                throws ConnectException {
            OriginatedConnections.refuseThroughProxy(scope.route);
        }
    }
}
