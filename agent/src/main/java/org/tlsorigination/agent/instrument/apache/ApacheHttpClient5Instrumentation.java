package org.tlsorigination.agent.instrument.apache;

import static net.bytebuddy.matcher.ElementMatchers.declaresMethod;
import static net.bytebuddy.matcher.ElementMatchers.isDeclaredBy;
import static net.bytebuddy.matcher.ElementMatchers.not;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import org.apache.hc.client5.http.SchemePortResolver;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.io.ManagedHttpClientConnection;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.tlsorigination.agent.bootstrap.Origination;
import org.tlsorigination.agent.bootstrap.Route;
import org.tlsorigination.agent.instrument.ClientInstrumentation;
import org.tlsorigination.agent.instrument.Hook;
import org.tlsorigination.agent.instrument.HookGenerationsWarning;

/**
 * Apache HttpClient 5 classic (tested: 5.0 and 5.6.5): every connection goes through
 * {@code DefaultHttpClientConnectionOperator}, which connects a plain http socket through
 * {@code PlainConnectionSocketFactory} up to 5.3 and by itself from 5.4 on. Either place is rewritten to connect to the
 * route's port and hand back the socket in TLS; only the {@code http} scheme is routed, so the app's https keeps its
 * own TLS. The pool keys the connection by the app's route and reuses it, so N requests cost one handshake.
 */
public final class ApacheHttpClient5Instrumentation implements ClientInstrumentation {
    private static final String OPERATOR = "org.apache.hc.client5.http.impl.io.DefaultHttpClientConnectionOperator";
    private static final String CONNECTION = "org.apache.hc.client5.http.io.ManagedHttpClientConnection";
    private static final String HTTP_HOST = "org.apache.hc.core5.http.HttpHost";
    private static final String NAMED_ENDPOINT = "org.apache.hc.core5.net.NamedEndpoint";
    private static final String ADDRESS = "java.net.InetSocketAddress";
    private static final String TIMEOUT = "org.apache.hc.core5.util.Timeout";
    private static final String SOCKET_CONFIG = "org.apache.hc.core5.http.io.SocketConfig";
    private static final String CONTEXT = "org.apache.hc.core5.http.protocol.HttpContext";

    /** 5.0 to 5.3: the operator connects plain http through this factory (later lines keep it, unused). */
    static final Hook CONNECT_SOCKET = Hook.of("org.apache.hc.client5.http.socket.PlainConnectionSocketFactory",
            "connectSocket", "org.apache.hc.core5.util.TimeValue", "java.net.Socket", HTTP_HOST, ADDRESS, ADDRESS,
            CONTEXT);

    /** 5.0 to 5.3: marks an operator that looks its socket factories up, so CONNECT_SOCKET is on its path. */
    static final Hook SOCKET_FACTORY_LOOKUP = Hook.of(OPERATOR, "getSocketFactoryRegistry", CONTEXT);

    /** 5.4 and 5.5: the NamedEndpoint overload connects; 5.6 made it delegate to UNIX_SOCKET_CONNECT. */
    static final Hook NAMED_ENDPOINT_CONNECT = Hook.of(OPERATOR, "connect", CONNECTION, HTTP_HOST, NAMED_ENDPOINT,
            ADDRESS, TIMEOUT, SOCKET_CONFIG, "java.lang.Object", CONTEXT);

    /** 5.6: the overload with a unix domain socket connects; every other overload delegates to it. */
    static final Hook UNIX_SOCKET_CONNECT = Hook.of(OPERATOR, "connect", CONNECTION, HTTP_HOST, NAMED_ENDPOINT,
            "java.nio.file.Path", ADDRESS, TIMEOUT, SOCKET_CONFIG, "java.lang.Object", CONTEXT);

    /** 5.0 to 5.6: every request passes here with its route, before a connection is leased or opened. */
    static final Hook CONNECT_EXEC = Hook.of("org.apache.hc.client5.http.impl.classic.ConnectExec", "execute",
            "org.apache.hc.core5.http.ClassicHttpRequest", "org.apache.hc.client5.http.classic.ExecChain$Scope",
            "org.apache.hc.client5.http.classic.ExecChain");

    @Override
    public String family() {
        return "Apache HttpClient 5";
    }

    @Override
    public AgentBuilder instrument(AgentBuilder agent) {
        return agent.with(new HookGenerationsWarning(family(), OPERATOR, "org/apache/hc/client5/version.properties",
                        List.of(List.of(CONNECT_SOCKET, SOCKET_FACTORY_LOOKUP), List.of(NAMED_ENDPOINT_CONNECT),
                                List.of(UNIX_SOCKET_CONNECT))))
                .type(CONNECT_SOCKET.type())
                .transform(new AgentBuilder.Transformer.ForAdvice()
                        .include(ApacheHttpClient5Instrumentation.class.getClassLoader())
                        .advice(CONNECT_SOCKET.method(), ConnectSocketAdvice.class.getName()))
                .type(UNIX_SOCKET_CONNECT.type())
                .transform(new AgentBuilder.Transformer.ForAdvice()
                        .include(ApacheHttpClient5Instrumentation.class.getClassLoader())
                        .advice(NAMED_ENDPOINT_CONNECT.method()
                                        .and(isDeclaredBy(not(declaresMethod(UNIX_SOCKET_CONNECT.method())))),
                                NamedEndpointConnectAdvice.class.getName())
                        .advice(UNIX_SOCKET_CONNECT.method(), UnixSocketConnectAdvice.class.getName()))
                .type(CONNECT_EXEC.type())
                .transform(new AgentBuilder.Transformer.ForAdvice()
                        .include(ApacheHttpClient5Instrumentation.class.getClassLoader())
                        .advice(CONNECT_EXEC.method(), ProxiedRouteAdvice.class.getName()));
    }

    /** 5.0 to 5.3: connects the factory's socket to the route's port and returns it in TLS. */
    public static final class ConnectSocketAdvice {

        private ConnectSocketAdvice() {
        }

        @Advice.OnMethodEnter
        public static Route connectToRoutedPort(@Advice.Argument(2) HttpHost host,
                                                @Advice.Argument(value = 3, readOnly = false)
                                                InetSocketAddress remoteAddress) throws IOException {
            Route route = Origination.routeScheme(host.getSchemeName(), host.getHostName(), remoteAddress.getPort());
            if (route != null) {
                remoteAddress = new InetSocketAddress(remoteAddress.getAddress(), route.port());
            }
            return route;
        }

        @Advice.OnMethodExit
        public static void secure(@Advice.Enter Route route,
                                  @Advice.Argument(0) TimeValue connectTimeout,
                                  @Advice.Argument(2) HttpHost host,
                                  @Advice.Argument(5) HttpContext context,
                                  @Advice.Return(readOnly = false) Socket socket) throws IOException {
            if (route != null) {
                RequestConfig config = context == null ? null : HttpClientContext.adapt(context).getRequestConfig();
                Timeout responseTimeout = config == null ? null : config.getResponseTimeout();
                socket = Origination.secure(route, socket, host.getHostName(),
                        connectTimeout == null ? 0 : connectTimeout.toMillisecondsIntBound(),
                        responseTimeout == null ? 0 : responseTimeout.toMillisecondsIntBound());
            }
        }
    }

    /** 5.4 and 5.5: connects to the route's port by handing the operator the host with that port, then binds TLS. */
    public static final class NamedEndpointConnectAdvice {

        private NamedEndpointConnectAdvice() {
        }

        @Advice.OnMethodEnter
        public static Route connectToRoutedPort(@Advice.Argument(value = 1, readOnly = false) HttpHost host,
                                                @Advice.FieldValue("schemePortResolver") SchemePortResolver ports)
                throws IOException {
            Route route = Origination.routeScheme(host.getSchemeName(), host.getHostName(), ports.resolve(host));
            if (route != null) {
                host = new HttpHost(host.getSchemeName(), host.getAddress(), host.getHostName(), route.port());
            }
            return route;
        }

        @Advice.OnMethodExit
        public static void secure(@Advice.Enter Route route,
                                  @Advice.Argument(0) ManagedHttpClientConnection connection,
                                  @Advice.Argument(1) HttpHost host,
                                  @Advice.Argument(4) Timeout connectTimeout,
                                  @Advice.Argument(7) HttpContext context) throws IOException {
            if (route != null) {
                RequestConfig config = HttpClientContext.adapt(context).getRequestConfig();
                Timeout responseTimeout = config == null ? null : config.getResponseTimeout();
                connection.bind(Origination.secure(route, connection.getSocket(), host.getHostName(),
                        connectTimeout == null ? 0 : connectTimeout.toMillisecondsIntBound(),
                        responseTimeout == null ? 0 : responseTimeout.toMillisecondsIntBound()));
            }
        }
    }

    /** 5.6: as {@link NamedEndpointConnectAdvice}; a unix domain socket never leaves the machine and is left alone. */
    public static final class UnixSocketConnectAdvice {

        private UnixSocketConnectAdvice() {
        }

        @Advice.OnMethodEnter
        public static Route connectToRoutedPort(@Advice.Argument(value = 1, readOnly = false) HttpHost host,
                                                @Advice.Argument(3) Path unixDomainSocket,
                                                @Advice.FieldValue("schemePortResolver") SchemePortResolver ports)
                throws IOException {
            Route route = unixDomainSocket != null ? null
                    : Origination.routeScheme(host.getSchemeName(), host.getHostName(), ports.resolve(host));
            if (route != null) {
                host = new HttpHost(host.getSchemeName(), host.getAddress(), host.getHostName(), route.port());
            }
            return route;
        }

        @Advice.OnMethodExit
        public static void secure(@Advice.Enter Route route,
                                  @Advice.Argument(0) ManagedHttpClientConnection connection,
                                  @Advice.Argument(1) HttpHost host,
                                  @Advice.Argument(5) Timeout connectTimeout,
                                  @Advice.Argument(8) HttpContext context) throws IOException {
            if (route != null) {
                RequestConfig config = HttpClientContext.adapt(context).getRequestConfig();
                Timeout responseTimeout = config == null ? null : config.getResponseTimeout();
                connection.bind(Origination.secure(route, connection.getSocket(), host.getHostName(),
                        connectTimeout == null ? 0 : connectTimeout.toMillisecondsIntBound(),
                        responseTimeout == null ? 0 : responseTimeout.toMillisecondsIntBound()));
            }
        }
    }

    /** A route through an HTTP proxy would hand an originated request to the proxy in plain text: refused. */
    public static final class ProxiedRouteAdvice {

        private ProxiedRouteAdvice() {
        }

        @Advice.OnMethodEnter
        public static void refuseThroughProxy(@Advice.Argument(1) ExecChain.Scope scope) throws ConnectException {
            HttpHost proxy = scope.route.getProxyHost();
            if (proxy != null) {
                HttpHost target = scope.route.getTargetHost();
                Origination.refuseThroughProxy(target.getSchemeName(), target.getHostName(), target.getPort(),
                        proxy.getHostName(), proxy.getPort());
            }
        }
    }
}
