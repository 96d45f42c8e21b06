package org.tlsorigination.agent.instrument.apache;

import static net.bytebuddy.matcher.ElementMatchers.declaresMethod;
import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;
import org.apache.hc.client5.http.async.AsyncExecChain;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.net.NamedEndpoint;
import org.apache.hc.core5.reactor.ProtocolIOSession;
import org.apache.hc.core5.util.Timeout;
import org.tlsorigination.agent.bootstrap.Origination;
import org.tlsorigination.agent.bootstrap.Route;
import org.tlsorigination.agent.instrument.ClientInstrumentation;
import org.tlsorigination.agent.instrument.Hook;
import org.tlsorigination.agent.instrument.MissingHookWarning;

/**
 * Apache HttpClient 5 async (tested: 5.0 and 5.6.5, on HttpCore 5.0 and 5.4.4). Every connection its operator opens
 * is one HttpCore {@code IOSessionRequest}, made with the normalized {@code HttpHost} and a resolved address, and
 * completed with the new session before the session's first I/O event: where the client starts its own TLS for https.
 * So a plain http request is moved to the route's port, and its completion starts TLS from {@link Route#sslContext()}
 * on the session; no callback object is needed. The pool keeps and reuses the session, so N requests cost one
 * handshake.
 */
public final class ApacheHttpAsyncClient5Instrumentation implements ClientInstrumentation {
    private static final String SESSION_REQUEST = "org.apache.hc.core5.reactor.IOSessionRequest";

    /** HttpCore 5.0 to 5.4: hands the connected session to the client. */
    static final Hook COMPLETED = Hook.of(SESSION_REQUEST, "completed",
            "org.apache.hc.core5.reactor.ProtocolIOSession");

    /** HttpCore 5.0 to 5.4: takes the address to connect to. */
    private static final ElementMatcher.Junction<MethodDescription> CONSTRUCTOR = isConstructor()
            .and(takesArguments(6))
            .and(takesArgument(0, named("org.apache.hc.core5.net.NamedEndpoint")))
            .and(takesArgument(1, named("java.net.SocketAddress")))
            .and(takesArgument(2, named("java.net.SocketAddress")))
            .and(takesArgument(3, named("org.apache.hc.core5.util.Timeout")))
            .and(takesArgument(4, named("java.lang.Object")))
            .and(takesArgument(5, named("org.apache.hc.core5.concurrent.FutureCallback")));

    /** HttpClient 5.0 to 5.6: every request passes here with its route, before a connection is leased or opened. */
    static final Hook CONNECT_EXEC = Hook.of("org.apache.hc.client5.http.impl.async.AsyncConnectExec", "execute",
            "org.apache.hc.core5.http.HttpRequest", "org.apache.hc.core5.http.nio.AsyncEntityProducer",
            "org.apache.hc.client5.http.async.AsyncExecChain$Scope", "org.apache.hc.client5.http.async.AsyncExecChain",
            "org.apache.hc.client5.http.async.AsyncExecCallback");

    @Override
    public String family() {
        return "Apache HttpClient 5 async";
    }

    /** Both advices or neither: a moved port without TLS would send the request in plain text to the TLS port. */
    @Override
    public AgentBuilder instrument(AgentBuilder agent) {
        return agent.with(new MissingHookWarning("Apache HttpCore 5", SESSION_REQUEST,
                        "org/apache/hc/core5/version.properties", COMPLETED))
                .type(COMPLETED.type().and(declaresMethod(COMPLETED.method())).and(declaresMethod(CONSTRUCTOR)))
                .transform(new AgentBuilder.Transformer.ForAdvice()
                        .include(ApacheHttpAsyncClient5Instrumentation.class.getClassLoader())
                        .advice(CONSTRUCTOR, ConnectToRoutedPortAdvice.class.getName())
                        .advice(COMPLETED.method(), StartTlsAdvice.class.getName()))
                .type(CONNECT_EXEC.type())
                .transform(new AgentBuilder.Transformer.ForAdvice()
                        .include(ApacheHttpAsyncClient5Instrumentation.class.getClassLoader())
                        .advice(CONNECT_EXEC.method(), ProxiedRouteAdvice.class.getName()));
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
                remoteAddress = new InetSocketAddress(((InetSocketAddress) remoteAddress).getAddress(), route.port());
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

    /** A route through an HTTP proxy would hand an originated request to the proxy in plain text: refused. */
    public static final class ProxiedRouteAdvice {

        private ProxiedRouteAdvice() {
        }

        @Advice.OnMethodEnter
        public static void refuseThroughProxy(@Advice.Argument(2) AsyncExecChain.Scope scope)
                throws ConnectException {
            HttpHost proxy = scope.route.getProxyHost();
            if (proxy != null) {
                HttpHost target = scope.route.getTargetHost();
                Origination.refuseThroughProxy(target.getSchemeName(), target.getHostName(), target.getPort(),
                        proxy.getHostName(), proxy.getPort());
            }
        }
    }
}
