package org.tlsorigination.agent.instrument.apache.httpclient4;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import javax.net.ssl.SSLSocket;
import net.bytebuddy.asm.Advice;
import org.apache.http.HttpHost;
import org.apache.http.client.protocol.HttpClientContext;
import org.apache.http.conn.HttpInetSocketAddress;
import org.apache.http.params.HttpConnectionParams;
import org.apache.http.params.HttpParams;
import org.apache.http.protocol.HttpContext;
import org.tlsorigination.agent.bootstrap.Origination;
import org.tlsorigination.agent.bootstrap.Route;
import org.tlsorigination.agent.instrument.ClientFamily;
import org.tlsorigination.agent.instrument.Hook;

/**
 * Apache HttpClient 4: every plain-text connection it opens is connected by one of two plain socket factories, which
 * are rewritten to connect to the route's port and return the socket wrapped in TLS. The https factories are never
 * touched, so the app's own TLS is never wrapped again. A pooled connection is reused without connecting again, so
 * N requests on one connection cost one handshake.
 */
public final class ApacheHttpClient4Instrumentation {

    /** 4.3 to 4.5: HttpClients, HttpClientBuilder and fluent-hc, through DefaultHttpClientConnectionOperator. */
    static final Hook CONNECT_SOCKET = Hook.method("org.apache.http.conn.socket.PlainConnectionSocketFactory",
            "connectSocket", "int", "java.net.Socket", "org.apache.http.HttpHost", "java.net.InetSocketAddress",
            "java.net.InetSocketAddress", "org.apache.http.protocol.HttpContext");

    /**
     * 4.1 to 4.5: DefaultHttpClient and the other deprecated clients, through DefaultClientConnectionOperator. The
     * deprecated overload that takes the host as a String delegates to this one.
     */
    static final Hook LEGACY_CONNECT_SOCKET = Hook.method("org.apache.http.conn.scheme.PlainSocketFactory",
            "connectSocket", "java.net.Socket", "java.net.InetSocketAddress", "java.net.InetSocketAddress",
            "org.apache.http.params.HttpParams");

    public static final ClientFamily FAMILY = ClientFamily.named("apache-httpclient-4", "Apache HttpClient 4",
                    ApacheHttpClient4Instrumentation.class)
            .library("Apache HttpClient", "4.3 to 4.5.14", "org/apache/http/client/version.properties")
            .markers("org.apache.http.client.HttpClient")
            .relocatable("org.apache.http")
            .hooks(CONNECT_SOCKET.advisedBy("ConnectSocketAdvice"),
                    LEGACY_CONNECT_SOCKET.advisedBy("LegacyConnectSocketAdvice"))
            .build();

    private ApacheHttpClient4Instrumentation() {
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
                remoteAddress = Origination.atRoutedPort(remoteAddress, route);
            }
            return route;
        }

        /**
         * A SocketConfig timeout is on the socket already; the request's socket timeout reaches it only after this
         * method returns. Both are the app's read timeout, which bounds the handshake ahead of the connect timeout.
         */
        @Advice.OnMethodExit
        public static void secure(@Advice.Enter Route route,
                                  @Advice.Argument(0) int connectTimeout,
                                  @Advice.Argument(2) HttpHost host,
                                  @Advice.Argument(5) HttpContext context,
                                  @Advice.Return(readOnly = false) Socket socket) throws IOException {
            if (route != null) {
                int requestTimeout = context == null ? 0
                        : HttpClientContext.adapt(context).getRequestConfig().getSocketTimeout();
                socket = route.secure(socket, host.getHostName(),
                        Origination.firstSet(socket.getSoTimeout(), requestTimeout, connectTimeout));
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
                remoteAddress = Origination.atRoutedPort(remoteAddress, route);
            }
            return route;
        }

        @Advice.OnMethodExit
        public static void secure(@Advice.Enter Route route,
                                  @Advice.Local("host") String host,
                                  @Advice.Argument(3) HttpParams params,
                                  @Advice.Return(readOnly = false) Socket socket) throws IOException {
            if (route != null) {
                socket = route.secure(socket, host,
                        Origination.firstSet(socket.getSoTimeout(), HttpConnectionParams.getConnectionTimeout(params)));
            }
        }
    }
}
