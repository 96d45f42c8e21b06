package org.tlsorigination.agent.instrument.jdk.urlconnection;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.URL;
import net.bytebuddy.asm.Advice;
import org.tlsorigination.agent.bootstrap.Origination;
import org.tlsorigination.agent.bootstrap.ProxyTunnel;
import org.tlsorigination.agent.bootstrap.Route;
import org.tlsorigination.agent.instrument.ClientFamily;
import org.tlsorigination.agent.instrument.Hook;

/**
 * {@code java.net.HttpURLConnection} (and {@code URL.openStream()}): every connection it opens goes through
 * {@code sun.net.www.http.HttpClient.openServer(String, int)}. {@code HttpsClient} inherits the method, so only plain
 * {@code http} URLs are routed. A kept-alive client is reused without calling it again, so N requests on one
 * connection cost one handshake. Through an HTTP proxy the connection is a CONNECT tunnel to the route's port, with
 * the credentials the app gives the JVM's default {@code Authenticator}.
 */
public final class HttpUrlConnectionInstrumentation {
    private static final String CLIENT = "sun.net.www.http.HttpClient";

    /** Connects to the server, or to the proxy, for the URL's host and port. */
    static final Hook CONNECT_SERVER = Hook.method(CLIENT, "openServer", "java.lang.String", "int");
    /** Picks the server or the proxy, and says which it picked in {@code usingProxy}. */
    static final Hook OPEN_SERVER = Hook.method(CLIENT, "openServer");
    /**
     * The proxy the connection went through, as {@code HttpURLConnection} asks it: to answer {@code usingProxy()}, and
     * to send a retry through the same proxy.
     */
    static final Hook PROXY_HOST_USED = Hook.method(CLIENT, "getProxyHostUsed");
    static final Hook PROXY_PORT_USED = Hook.method(CLIENT, "getProxyPortUsed");

    public static final ClientFamily FAMILY = ClientFamily.named("httpurlconnection", "HttpURLConnection",
                    HttpUrlConnectionInstrumentation.class)
            .library(ClientFamily.JDK, "17 and 25", null)
            .hooks(CONNECT_SERVER.advisedBy("ConnectServerAdvice"),
                    OPEN_SERVER.advisedBy("TunnelledAsDirectAdvice"),
                    PROXY_HOST_USED.advisedBy("ProxyHostUsedAdvice"),
                    PROXY_PORT_USED.advisedBy("ProxyPortUsedAdvice"))
            .build();

    private HttpUrlConnectionInstrumentation() {
    }

    /**
     * Connects to the route's port, or through the proxy the app chose with a CONNECT tunnel to it, then swaps the
     * socket and its output stream for TLS ones before any write. The read timeout bounds tunnel and handshake, as it
     * bounds the client's own for https; else the connect timeout.
     */
    public static final class ConnectServerAdvice {

        private ConnectServerAdvice() {
        }

        @Advice.OnMethodEnter
        public static Route connectToRoutedPort(@Advice.FieldValue("url") URL url,
                                                @Advice.FieldValue("host") String host,
                                                @Advice.FieldValue("port") int port,
                                                @Advice.Argument(0) String server,
                                                @Advice.Argument(value = 1, readOnly = false) int serverPort,
                                                @Advice.Local("throughProxy") boolean throughProxy)
                throws IOException {
            Route route = Origination.routeScheme(url.getProtocol(), host, port);
            throughProxy = route != null && (serverPort != port || !server.equalsIgnoreCase(host));
            if (route != null && !throughProxy) {
                serverPort = route.port();
            }
            return route;
        }

        @Advice.OnMethodExit
        public static void secure(@Advice.Enter Route route,
                                  @Advice.Local("throughProxy") boolean throughProxy,
                                  @Advice.This Object client,
                                  @Advice.FieldValue("host") String host,
                                  @Advice.FieldValue("connectTimeout") int connectTimeout,
                                  @Advice.FieldValue("encoding") String encoding,
                                  @Advice.FieldValue(value = "serverSocket", readOnly = false) Socket serverSocket,
                                  @Advice.FieldValue(value = "serverOutput", readOnly = false) PrintStream serverOutput)
                throws IOException {
            if (route != null) {
                int timeout = route.handshakeTimeoutMillis(
                        Origination.firstSet(serverSocket.getSoTimeout(), connectTimeout));
                if (throughProxy) {
                    serverSocket = ProxyTunnel.open(serverSocket, host, route.port(), timeout,
                            ProxyTunnel.DEFAULT_AUTHENTICATOR);
                    ProxyTunnel.carrying(client);
                }
                serverSocket = route.secure(serverSocket, host, timeout);
                serverOutput = new PrintStream(new BufferedOutputStream(serverSocket.getOutputStream()), false, encoding);
            }
        }
    }

    /**
     * Inside a tunnel the request goes as to the server itself: in origin form, with no proxy headers, and no proxy
     * credentials, which would reach the server.
     */
    public static final class TunnelledAsDirectAdvice {

        private TunnelledAsDirectAdvice() {
        }

        @Advice.OnMethodExit
        public static void asDirect(@Advice.This Object client,
                                    @Advice.FieldValue(value = "usingProxy", readOnly = false) boolean usingProxy) {
            if (usingProxy && ProxyTunnel.carries(client)) {
                usingProxy = false;
            }
        }
    }

    /**
     * A tunnelled connection still goes through the app's proxy, as it asked. Answered by the client, not by
     * {@code HttpURLConnection.usingProxy()}, whose class file, nearly three times the client's, would cost the
     * first connection as much again to rewrite.
     */
    public static final class ProxyHostUsedAdvice {

        private ProxyHostUsedAdvice() {
        }

        @Advice.OnMethodExit
        public static void throughTheTunnel(@Advice.This Object client, @Advice.FieldValue("proxy") Proxy proxy,
                                            @Advice.Return(readOnly = false) String proxyHost) {
            if (proxyHost == null && ProxyTunnel.carries(client)) {
                proxyHost = ((InetSocketAddress) proxy.address()).getHostString();
            }
        }
    }

    /** The port of the proxy a tunnelled connection goes through, beside its host. */
    public static final class ProxyPortUsedAdvice {

        private ProxyPortUsedAdvice() {
        }

        @Advice.OnMethodExit
        public static void throughTheTunnel(@Advice.This Object client, @Advice.FieldValue("proxy") Proxy proxy,
                                            @Advice.Return(readOnly = false) int proxyPort) {
            if (proxyPort < 0 && ProxyTunnel.carries(client)) {
                proxyPort = ((InetSocketAddress) proxy.address()).getPort();
            }
        }
    }
}
