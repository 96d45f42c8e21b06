package org.tlsorigination.agent.instrument.okhttp;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import org.tlsorigination.agent.instrument.ClientFamily;
import org.tlsorigination.agent.instrument.Hook;
import org.tlsorigination.agent.instrument.okhttp.injected.HttpProxySelector;
import org.tlsorigination.agent.instrument.okhttp.injected.OriginatedAddresses;

/**
 * OkHttp 3, 4 and 5 (tested: 3.12.0, 3.14.9, 4.12.0 and 5.5.1), and so Retrofit. Every call builds an
 * {@code Address}, which OkHttp's pool keys connections on; a plain http Address that a rule originates is built as an
 * https one with the rule's socket factory, so OkHttp runs the handshake itself over the rule's TLS settings and pools
 * the connection like any other. Its direct {@code Route}s, one per IP address, connect to the route's port, and a
 * route through an HTTP proxy tunnels to it ({@link TunnelAdvice}). The Address keeps the app's port, as OkHttp
 * checks that each request's URL matches it, and the request keeps its http URL, so the server sees the app's Host.
 */
public final class OkHttpInstrumentation {
    private static final String CONNECTION = "okhttp3.internal.connection.";

    /** Every connection OkHttp makes is planned from one of these; the same twelve arguments in 3.x, 4.x and 5.x. */
    static final Hook ADDRESS = Hook.publicConstructor("okhttp3.Address", "java.lang.String", "int", "okhttp3.Dns",
            "javax.net.SocketFactory", "javax.net.ssl.SSLSocketFactory", "javax.net.ssl.HostnameVerifier",
            "okhttp3.CertificatePinner", "okhttp3.Authenticator", "java.net.Proxy", "java.util.List",
            "java.util.List", "java.net.ProxySelector");

    /** 3.x and 4.x: one way to the Address's host, through a proxy or not. */
    static final Hook ROUTE = Hook.publicConstructor("okhttp3.Route", "okhttp3.Address", "java.net.Proxy",
            "java.net.InetSocketAddress");

    /** 5.x: the same with an ECH configuration; the constructor above delegates to it. */
    static final Hook ECH_ROUTE = Hook.publicConstructor("okhttp3.Route", "okhttp3.Address", "java.net.Proxy",
            "java.net.InetSocketAddress", "okio.ByteString");

    /** The helper builds its pinner with this; public to the JVM from 4.0 on (internal in Kotlin), not in 3.x. */
    static final Hook PINNER = Hook.publicConstructor("okhttp3.CertificatePinner", "java.util.Set",
            "okhttp3.internal.tls.CertificateChainCleaner");

    /** 3.x and 4.x: wraps the connected socket and runs the handshake. */
    static final Hook CONNECTION_TLS = Hook.method(CONNECTION + "RealConnection", "connectTls",
            CONNECTION + "ConnectionSpecSelector");

    /** 5.x: the same, on the plan that connects; the socket is already wrapped and its ConnectionSpec applied. */
    static final Hook PLAN_TLS = Hook.method(CONNECTION + "ConnectPlan", "connectTls", "javax.net.ssl.SSLSocket",
            "okhttp3.ConnectionSpec");

    /** 4.x: the authority of a URL, with its port; the tunnel's CONNECT line and Host header are made with it. */
    static final Hook HOST_HEADER = Hook.method("okhttp3.internal.Util", "toHostHeader", "okhttp3.HttpUrl",
            "boolean");

    /** 3.x: the same, under its Java name. */
    static final Hook JAVA_HOST_HEADER = Hook.method("okhttp3.internal.Util", "hostHeader", "okhttp3.HttpUrl",
            "boolean");

    /** 5.x: the same, moved. */
    static final Hook MOVED_HOST_HEADER = Hook.method("okhttp3.internal._UtilJvmKt", "toHostHeader",
            "okhttp3.HttpUrl", "boolean");

    /** Writes a request's target as a proxy needs it, or as a server does. */
    static final Hook REQUEST_LINE = Hook.method("okhttp3.internal.http.RequestLine", "get", "okhttp3.Request",
            "java.net.Proxy$Type");

    /** 3.x and 4.x: sends the CONNECT and reads the proxy's answer. */
    static final Hook CONNECTION_TUNNEL = Hook.method(CONNECTION + "RealConnection", "createTunnel", "int", "int",
            "okhttp3.Request", "okhttp3.HttpUrl");

    /** 5.x: the same, on the plan. */
    static final Hook PLAN_TUNNEL = Hook.method(CONNECTION + "ConnectPlan", "createTunnel");

    /** The tunnel's advice, nested in a class of its own. */
    private static final String TUNNEL_ADVICE = "org.tlsorigination.agent.instrument.okhttp.TunnelAdvice$";

    public static final ClientFamily FAMILY = ClientFamily.named("okhttp", "OkHttp", OkHttpInstrumentation.class)
            .library("OkHttp", "3.12.0 to 5.5.1", null)
            .markers("okhttp3.OkHttpClient")
            .relocatable("okhttp3", "okio")
            .generation("5.x", ADDRESS.advisedBy("OriginateAddressAdvice"), PINNER,
                    ECH_ROUTE.advisedBy("RoutedPortAdvice"), PLAN_TLS.advisedBy("HandshakeAdvice"),
                    MOVED_HOST_HEADER.advisedBy(TUNNEL_ADVICE + "TunnelTarget"),
                    REQUEST_LINE.advisedBy(TUNNEL_ADVICE + "OriginFormInTunnel"),
                    PLAN_TUNNEL.advisedBy(TUNNEL_ADVICE + "NamedRefusal"))
            .generation("4.x", ADDRESS.advisedBy("OriginateAddressAdvice"), PINNER,
                    ROUTE.advisedBy("RoutedPortAdvice"), CONNECTION_TLS.advisedBy("HandshakeAdvice"),
                    HOST_HEADER.advisedBy(TUNNEL_ADVICE + "TunnelTarget"),
                    REQUEST_LINE.advisedBy(TUNNEL_ADVICE + "OriginFormInTunnel"),
                    CONNECTION_TUNNEL.advisedBy(TUNNEL_ADVICE + "NamedRefusal"))
            .generation("3.12 to 3.14", ADDRESS.advisedBy("OriginateAddressWithDefaultPinsAdvice"),
                    ROUTE.advisedBy("RoutedPortAdvice"), CONNECTION_TLS.advisedBy("HandshakeAdvice"),
                    JAVA_HOST_HEADER.advisedBy(TUNNEL_ADVICE + "TunnelTarget"),
                    REQUEST_LINE.advisedBy(TUNNEL_ADVICE + "OriginFormInTunnel"),
                    CONNECTION_TUNNEL.advisedBy(TUNNEL_ADVICE + "NamedRefusal"))
            .helpers("OriginatedAddresses", "HttpProxySelector")
            .build();

    private OkHttpInstrumentation() {
    }

    /** A plain http Address that a rule originates becomes an https one ({@link OriginatedAddresses#originate}). */
    public static final class OriginateAddressAdvice {

        private OriginateAddressAdvice() {
        }

        @Advice.OnMethodEnter
        public static void originate(@Advice.AllArguments(readOnly = false, typing = Assigner.Typing.DYNAMIC)
                                     Object[] arguments) throws ConnectException {
            arguments = OriginatedAddresses.originate(arguments, true);
        }
    }

    /** The same on 3.x, whose pinner with a chain cleaner its own code alone can build. */
    public static final class OriginateAddressWithDefaultPinsAdvice {

        private OriginateAddressWithDefaultPinsAdvice() {
        }

        @Advice.OnMethodEnter
        public static void originate(@Advice.AllArguments(readOnly = false, typing = Assigner.Typing.DYNAMIC)
                                     Object[] arguments) throws ConnectException {
            arguments = OriginatedAddresses.originate(arguments, false);
        }
    }

    /** Moves a direct or SOCKS route of an originated Address to the rule's port; a tunnel goes there itself. */
    public static final class RoutedPortAdvice {

        private RoutedPortAdvice() {
        }

        @Advice.OnMethodEnter
        public static void connectToRoutedPort(@Advice.Argument(0) okhttp3.Address address,
                                               @Advice.Argument(1) Proxy proxy,
                                               @Advice.Argument(value = 2, readOnly = false)
                                               InetSocketAddress socketAddress) throws ConnectException {
            socketAddress = OriginatedAddresses.connectAddress(address, proxy, socketAddress);
        }
    }

    /**
     * On an originated connection the handshake is bounded as OkHttp bounds its own, and a failure names the host and
     * the route's port, in the place of the JDK's: an SSLHandshakeException, or a SocketTimeoutException for a
     * timeout. OkHttp may retry it on another of the host's addresses, never with another ConnectionSpec (the Address
     * has one) and never in plain text.
     */
    public static final class HandshakeAdvice {

        private HandshakeAdvice() {
        }

        @Advice.OnMethodEnter
        public static int boundHandshake(@Advice.FieldValue("route") okhttp3.Route route,
                                         @Advice.FieldValue("rawSocket") Socket rawSocket) throws IOException {
            return OriginatedAddresses.boundHandshake(route, rawSocket);
        }

        @Advice.OnMethodExit(onThrowable = IOException.class)
        public static void nameFailure(@Advice.Enter int timeoutMillis,
                                       @Advice.FieldValue("route") okhttp3.Route route,
                                       @Advice.Thrown(readOnly = false) Throwable thrown) {
            thrown = OriginatedAddresses.named(route, timeoutMillis, thrown);
        }
    }
}
