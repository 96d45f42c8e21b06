package org.tlsorigination.agent.instrument.apache.httpclient5;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import net.bytebuddy.asm.Advice;
import org.apache.hc.client5.http.SchemePortResolver;
import org.apache.hc.client5.http.io.ManagedHttpClientConnection;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.tlsorigination.agent.bootstrap.Origination;
import org.tlsorigination.agent.bootstrap.Route;
import org.tlsorigination.agent.instrument.ClientFamily;
import org.tlsorigination.agent.instrument.Hook;
import org.tlsorigination.agent.instrument.apache.httpclient5.injected.OriginatedConnections;

/**
 * Apache HttpClient 5 classic: every connection goes through {@code DefaultHttpClientConnectionOperator}, which
 * connects a plain http socket through {@code PlainConnectionSocketFactory} up to 5.3 and by itself from 5.4 on.
 * Either place is rewritten to connect to the route's port and hand back the socket in TLS; only the {@code http}
 * scheme is routed, so the app's https keeps its own TLS. The pool keys the connection by the app's route and reuses
 * it, so N requests cost one handshake.
 */
public final class ApacheHttpClient5Instrumentation {
    private static final String OPERATOR = "org.apache.hc.client5.http.impl.io.DefaultHttpClientConnectionOperator";
    private static final String CONNECTION = "org.apache.hc.client5.http.io.ManagedHttpClientConnection";
    private static final String HTTP_HOST = "org.apache.hc.core5.http.HttpHost";
    private static final String NAMED_ENDPOINT = "org.apache.hc.core5.net.NamedEndpoint";
    private static final String ADDRESS = "java.net.InetSocketAddress";
    private static final String TIMEOUT = "org.apache.hc.core5.util.Timeout";
    private static final String SOCKET_CONFIG = "org.apache.hc.core5.http.io.SocketConfig";
    private static final String CONTEXT = "org.apache.hc.core5.http.protocol.HttpContext";

    /** 5.6: the overload with a unix domain socket connects; every other overload delegates to it. */
    static final Hook UNIX_SOCKET_CONNECT = Hook.method(OPERATOR, "connect", CONNECTION, HTTP_HOST, NAMED_ENDPOINT,
            "java.nio.file.Path", ADDRESS, TIMEOUT, SOCKET_CONFIG, "java.lang.Object", CONTEXT);

    /** 5.4 and 5.5: the NamedEndpoint overload connects. */
    static final Hook NAMED_ENDPOINT_CONNECT = Hook.method(OPERATOR, "connect", CONNECTION, HTTP_HOST, NAMED_ENDPOINT,
            ADDRESS, TIMEOUT, SOCKET_CONFIG, "java.lang.Object", CONTEXT);

    /** 5.0 to 5.3: the operator connects plain http through this factory (later lines keep it, unused). */
    static final Hook CONNECT_SOCKET = Hook.method("org.apache.hc.client5.http.socket.PlainConnectionSocketFactory",
            "connectSocket", "org.apache.hc.core5.util.TimeValue", "java.net.Socket", HTTP_HOST, ADDRESS, ADDRESS,
            CONTEXT);

    /** 5.0 to 5.3: marks an operator that looks its socket factories up, so CONNECT_SOCKET is on its path. */
    static final Hook SOCKET_FACTORY_LOOKUP = Hook.method(OPERATOR, "getSocketFactoryRegistry", CONTEXT);

    public static final ClientFamily FAMILY = ClientFamily.named("apache-httpclient-5", "Apache HttpClient 5",
                    ApacheHttpClient5Instrumentation.class)
            .library("Apache HttpClient", "5.0 to 5.6.5", "org/apache/hc/client5/version.properties")
            .markers(OPERATOR)
            .relocatable("org.apache.hc")
            .generation("5.6", UNIX_SOCKET_CONNECT.advisedBy("UnixSocketConnectAdvice"))
            .generation("5.4 and 5.5", NAMED_ENDPOINT_CONNECT.advisedBy("NamedEndpointConnectAdvice"))
            .generation("5.0 to 5.3", CONNECT_SOCKET.advisedBy("ConnectSocketAdvice"), SOCKET_FACTORY_LOOKUP)
            .helpers("OriginatedConnections")
            .build();

    private ApacheHttpClient5Instrumentation() {
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
                remoteAddress = Origination.atRoutedPort(remoteAddress, route);
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
                socket = OriginatedConnections.secure(route, socket, host, connectTimeout, context);
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
            Route route = OriginatedConnections.route(host, ports);
            if (route != null) {
                host = OriginatedConnections.atRoutedPort(host, route);
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
                OriginatedConnections.secure(route, connection, host, connectTimeout, context);
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
            Route route = unixDomainSocket != null ? null : OriginatedConnections.route(host, ports);
            if (route != null) {
                host = OriginatedConnections.atRoutedPort(host, route);
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
                OriginatedConnections.secure(route, connection, host, connectTimeout, context);
            }
        }
    }
}
