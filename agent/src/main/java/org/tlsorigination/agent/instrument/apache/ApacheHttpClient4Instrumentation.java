package org.tlsorigination.agent.instrument.apache;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import javax.net.ssl.SSLSocket;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import org.apache.http.HttpHost;
import org.apache.http.client.protocol.HttpClientContext;
import org.apache.http.conn.HttpInetSocketAddress;
import org.apache.http.conn.routing.HttpRoute;
import org.apache.http.params.HttpConnectionParams;
import org.apache.http.params.HttpParams;
import org.apache.http.protocol.HttpContext;
import org.tlsorigination.agent.bootstrap.Origination;
import org.tlsorigination.agent.bootstrap.Route;
import org.tlsorigination.agent.instrument.ClientInstrumentation;
import org.tlsorigination.agent.instrument.Hook;
import org.tlsorigination.agent.instrument.MissingHookWarning;

/**
 * Apache HttpClient 4 (tested: 4.5 and 4.5.14): every plain-text connection it opens is connected by one of two
 * plain socket factories, which are rewritten to connect to the route's port and return the socket wrapped in TLS.
 * The https factories are never touched, so the app's own TLS is never wrapped again. A pooled connection is reused
 * without connecting again, so N requests on one connection cost one handshake.
 */
public final class ApacheHttpClient4Instrumentation implements ClientInstrumentation {

    /** 4.3 to 4.5: HttpClients, HttpClientBuilder and fluent-hc, through DefaultHttpClientConnectionOperator. */
    static final Hook CONNECT_SOCKET = Hook.of("org.apache.http.conn.socket.PlainConnectionSocketFactory",
            "connectSocket", "int", "java.net.Socket", "org.apache.http.HttpHost", "java.net.InetSocketAddress",
            "java.net.InetSocketAddress", "org.apache.http.protocol.HttpContext");

    /**
     * 4.1 to 4.5: DefaultHttpClient and the other deprecated clients, through DefaultClientConnectionOperator. The
     * deprecated overload that takes the host as a String delegates to this one.
     */
    static final Hook LEGACY_CONNECT_SOCKET = Hook.of("org.apache.http.conn.scheme.PlainSocketFactory",
            "connectSocket", "java.net.Socket", "java.net.InetSocketAddress", "java.net.InetSocketAddress",
            "org.apache.http.params.HttpParams");

    /** 4.3 to 4.5: every request of the clients that are not deprecated passes here with its route. */
    static final Hook EXECUTE = Hook.of("org.apache.http.impl.execchain.MainClientExec", "execute",
            "org.apache.http.conn.routing.HttpRoute", "org.apache.http.client.methods.HttpRequestWrapper",
            "org.apache.http.client.protocol.HttpClientContext", "org.apache.http.client.methods.HttpExecutionAware");

    @Override
    public String family() {
        return "Apache HttpClient 4";
    }

    @Override
    public AgentBuilder instrument(AgentBuilder agent) {
        return agent.with(new MissingHookWarning("Apache HttpClient", "org.apache.http.client.HttpClient",
                        "org/apache/http/client/version.properties", CONNECT_SOCKET, LEGACY_CONNECT_SOCKET))
                .type(CONNECT_SOCKET.type())
                .transform(advice(CONNECT_SOCKET, ConnectSocketAdvice.class.getName()))
                .type(LEGACY_CONNECT_SOCKET.type())
                .transform(advice(LEGACY_CONNECT_SOCKET, LegacyConnectSocketAdvice.class.getName()))
                .type(EXECUTE.type())
                .transform(advice(EXECUTE, ProxiedRouteAdvice.class.getName()));
    }

    private static AgentBuilder.Transformer advice(Hook hook, String adviceClass) {
        return new AgentBuilder.Transformer.ForAdvice()
                .include(ApacheHttpClient4Instrumentation.class.getClassLoader())
                .advice(hook.method(), adviceClass);
    }

    /** {@code PlainConnectionSocketFactory.connectSocket}: the host is an argument, the timeouts are in the context. */
    public static final class ConnectSocketAdvice {

        private ConnectSocketAdvice() {
        }

        @Advice.OnMethodEnter
        public static Route connectToRoutedPort(@Advice.Argument(1) Socket socket,
                                                @Advice.Argument(2) HttpHost host,
                                                @Advice.Argument(value = 3, readOnly = false)
                                                InetSocketAddress remoteAddress) throws IOException {
            Route route = socket instanceof SSLSocket ? null
                    : Origination.route(host.getHostName(), remoteAddress.getPort());
            if (route != null) {
                remoteAddress = new InetSocketAddress(remoteAddress.getAddress(), route.port());
            }
            return route;
        }

        /**
         * The request's socket timeout reaches the socket only after this method returns; it is the app's read
         * timeout, so it bounds the handshake ahead of the connect timeout (a SocketConfig timeout is already set).
         */
        @Advice.OnMethodExit
        public static void secure(@Advice.Enter Route route,
                                  @Advice.Argument(0) int connectTimeout,
                                  @Advice.Argument(2) HttpHost host,
                                  @Advice.Argument(5) HttpContext context,
                                  @Advice.Return(readOnly = false) Socket socket) throws IOException {
            if (route != null) {
                int readTimeout = context == null ? 0
                        : HttpClientContext.adapt(context).getRequestConfig().getSocketTimeout();
                socket = route.secure(socket, host.getHostName(), readTimeout > 0 ? readTimeout : connectTimeout);
            }
        }
    }

    /**
     * {@code PlainSocketFactory.connectSocket}: the operator passes the host inside an HttpInetSocketAddress, and the
     * read timeout from the params is already on the socket.
     */
    @SuppressWarnings("deprecation")
    public static final class LegacyConnectSocketAdvice {

        private LegacyConnectSocketAdvice() {
        }

        @Advice.OnMethodEnter
        public static Route connectToRoutedPort(@Advice.Argument(0) Socket socket,
                                                @Advice.Argument(value = 1, readOnly = false)
                                                InetSocketAddress remoteAddress,
                                                @Advice.Local("host") String host) throws IOException {
            host = remoteAddress instanceof HttpInetSocketAddress
                    ? ((HttpInetSocketAddress) remoteAddress).getHttpHost().getHostName()
                    : remoteAddress.getHostString();
            Route route = socket instanceof SSLSocket ? null : Origination.route(host, remoteAddress.getPort());
            if (route != null) {
                remoteAddress = new InetSocketAddress(remoteAddress.getAddress(), route.port());
            }
            return route;
        }

        @Advice.OnMethodExit
        public static void secure(@Advice.Enter Route route,
                                  @Advice.Local("host") String host,
                                  @Advice.Argument(3) HttpParams params,
                                  @Advice.Return(readOnly = false) Socket socket) throws IOException {
            if (route != null) {
                socket = route.secure(socket, host, HttpConnectionParams.getConnectionTimeout(params));
            }
        }
    }

    /** A route through an HTTP proxy would hand an originated request to the proxy in plain text: refused. */
    public static final class ProxiedRouteAdvice {

        private ProxiedRouteAdvice() {
        }

        @Advice.OnMethodEnter
        public static void refuseThroughProxy(@Advice.Argument(0) HttpRoute route) throws ConnectException {
            HttpHost proxy = route.getProxyHost();
            if (proxy != null) {
                HttpHost target = route.getTargetHost();
                Origination.refuseThroughProxy(target.getSchemeName(), target.getHostName(), target.getPort(),
                        proxy.getHostName(), proxy.getPort());
            }
        }
    }
}
