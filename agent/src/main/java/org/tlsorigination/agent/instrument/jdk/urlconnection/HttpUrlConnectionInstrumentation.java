package org.tlsorigination.agent.instrument.jdk.urlconnection;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.Socket;
import java.net.URL;
import net.bytebuddy.asm.Advice;
import org.tlsorigination.agent.bootstrap.Origination;
import org.tlsorigination.agent.bootstrap.Route;
import org.tlsorigination.agent.instrument.ClientFamily;
import org.tlsorigination.agent.instrument.Hook;

/**
 * {@code java.net.HttpURLConnection} (and {@code URL.openStream()}): every connection it opens goes through
 * {@code sun.net.www.http.HttpClient.openServer(String, int)}. {@code HttpsClient} inherits the method, so only plain
 * {@code http} URLs are routed. A kept-alive client is reused without calling it again, so N requests on one
 * connection cost one handshake.
 */
public final class HttpUrlConnectionInstrumentation {
    /** Opens the connection to the server, or to the proxy, for the URL's host and port. */
    static final Hook OPEN_SERVER = Hook.method("sun.net.www.http.HttpClient", "openServer", "java.lang.String", "int");

    public static final ClientFamily FAMILY = ClientFamily.named("httpurlconnection", "HttpURLConnection")
            .library(ClientFamily.JDK, "17 and 25", null)
            .hooks(OPEN_SERVER.advisedBy(OpenServerAdvice.class))
            .build();

    private HttpUrlConnectionInstrumentation() {
    }

    /** Connects to the route's port, then swaps the socket and its output stream for TLS ones before any write. */
    public static final class OpenServerAdvice {

        private OpenServerAdvice() {
        }

        @Advice.OnMethodEnter
        public static Route connectToRoutedPort(@Advice.FieldValue("url") URL url,
                                                @Advice.FieldValue("host") String host,
                                                @Advice.FieldValue("port") int port,
                                                @Advice.Argument(0) String server,
                                                @Advice.Argument(value = 1, readOnly = false) int serverPort)
                throws IOException {
            Route route = Origination.routeVia(url.getProtocol(), host, port, server, serverPort);
            if (route != null) {
                serverPort = route.port();
            }
            return route;
        }

        /** The read timeout bounds the handshake, as it bounds the client's own for https; else the connect timeout. */
        @Advice.OnMethodExit
        public static void secure(@Advice.Enter Route route,
                                  @Advice.FieldValue("host") String host,
                                  @Advice.FieldValue("connectTimeout") int connectTimeout,
                                  @Advice.FieldValue("encoding") String encoding,
                                  @Advice.FieldValue(value = "serverSocket", readOnly = false) Socket serverSocket,
                                  @Advice.FieldValue(value = "serverOutput", readOnly = false) PrintStream serverOutput)
                throws IOException {
            if (route != null) {
                serverSocket = route.secure(serverSocket, host,
                        Origination.firstSet(serverSocket.getSoTimeout(), connectTimeout));
                serverOutput = new PrintStream(new BufferedOutputStream(serverSocket.getOutputStream()), false, encoding);
            }
        }
    }
}
