package org.tlsorigination.agent.instrument.jdk;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.Socket;
import java.net.URL;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import org.tlsorigination.agent.bootstrap.Origination;
import org.tlsorigination.agent.bootstrap.Route;
import org.tlsorigination.agent.instrument.ClientInstrumentation;

/**
 * {@code java.net.HttpURLConnection} (and {@code URL.openStream()}): every connection it opens goes through
 * {@code sun.net.www.http.HttpClient.openServer(String, int)}, on JDK 11 to 25. {@code HttpsClient} inherits the
 * method, so the facade routes only plain {@code http} URLs. A kept-alive client is reused without calling it
 * again, so N requests on one connection cost one handshake.
 */
public final class HttpUrlConnectionInstrumentation implements ClientInstrumentation {

    @Override
    public String family() {
        return "HttpURLConnection";
    }

    @Override
    public AgentBuilder instrument(AgentBuilder agent) {
        return agent.type(named("sun.net.www.http.HttpClient"))
                .transform(new AgentBuilder.Transformer.ForAdvice()
                        .include(HttpUrlConnectionInstrumentation.class.getClassLoader())
                        .advice(named("openServer").and(takesArguments(String.class, int.class)),
                                OpenServerAdvice.class.getName()));
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
            Route route = Origination.routeHttpUrl(url, host, port, server, serverPort);
            if (route != null) {
                serverPort = route.port();
            }
            return route;
        }

        @Advice.OnMethodExit
        public static void secure(@Advice.Enter Route route,
                                  @Advice.FieldValue("host") String host,
                                  @Advice.FieldValue("connectTimeout") int connectTimeout,
                                  @Advice.FieldValue("encoding") String encoding,
                                  @Advice.FieldValue(value = "serverSocket", readOnly = false) Socket serverSocket,
                                  @Advice.FieldValue(value = "serverOutput", readOnly = false) PrintStream serverOutput)
                throws IOException {
            if (route != null) {
                serverSocket = route.secure(serverSocket, host, connectTimeout);
                serverOutput = new PrintStream(new BufferedOutputStream(serverSocket.getOutputStream()), false, encoding);
            }
        }
    }
}
