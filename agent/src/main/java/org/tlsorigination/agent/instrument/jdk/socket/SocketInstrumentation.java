package org.tlsorigination.agent.instrument.jdk.socket;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import net.bytebuddy.asm.Advice;
import org.tlsorigination.agent.bootstrap.ConnectGuard;
import org.tlsorigination.agent.bootstrap.Origination;
import org.tlsorigination.agent.bootstrap.Route;
import org.tlsorigination.agent.bootstrap.SocketOrigination;
import org.tlsorigination.agent.instrument.ClientFamily;
import org.tlsorigination.agent.instrument.Hook;

/**
 * The socket level, for every client the families leave out. Blocking sockets connect through
 * {@code java.net.Socket.connect(SocketAddress, int)} (the other constructors and overloads call it): an originated
 * connect runs TLS there, and the socket's streams, output shutdown and close go through its TLS layer
 * ({@link SocketOrigination}); the JDK's TLS refuses to layer the app's own TLS on it. Non-blocking ones connect
 * through {@code sun.nio.ch.SocketChannelImpl.connect}, which cannot be originated: the guard refuses them. Native
 * transports (Netty's epoll) connect below both.
 */
public final class SocketInstrumentation {
    private static final String SOCKET = "java.net.Socket";

    static final Hook SOCKET_CONNECT = Hook.method(SOCKET, "connect", "java.net.SocketAddress", "int");
    static final Hook INPUT = Hook.method(SOCKET, "getInputStream");
    static final Hook OUTPUT = Hook.method(SOCKET, "getOutputStream");
    static final Hook SHUTDOWN_OUTPUT = Hook.method(SOCKET, "shutdownOutput");
    static final Hook CLOSE = Hook.method(SOCKET, "close");
    /** Where the JDK's provider layers TLS on a connected socket, as an app that secures its own socket does. */
    static final Hook LAYERED_TLS = Hook.method("sun.security.ssl.SSLSocketFactoryImpl", "createSocket",
            "java.net.Socket", "java.lang.String", "int", "boolean");
    static final Hook CHANNEL_CONNECT = Hook.method("sun.nio.ch.SocketChannelImpl", "connect",
            "java.net.SocketAddress");

    /**
     * {@code tlsorigination.instrumentation.socket=false} stops the origination of plain sockets, which the guard then
     * refuses; {@code tlsorigination.guard=false} stops the refusals.
     */
    public static final ClientFamily FAMILY = ClientFamily.named("socket", "java.net.Socket",
                    SocketInstrumentation.class)
            .library(ClientFamily.JDK, "17 and 25", null)
            .hooks(SOCKET_CONNECT.advisedBy("SocketConnectAdvice"),
                    INPUT.advisedBy("InputAdvice"),
                    OUTPUT.advisedBy("OutputAdvice"),
                    SHUTDOWN_OUTPUT.advisedBy("ShutdownOutputAdvice"),
                    CLOSE.advisedBy("CloseAdvice"),
                    LAYERED_TLS.advisedBy("LayeredTlsAdvice"),
                    CHANNEL_CONNECT.advisedBy("ChannelConnectAdvice"))
            .build();

    private SocketInstrumentation() {
    }

    public static final class SocketConnectAdvice {

        private SocketConnectAdvice() {
        }

        @Advice.OnMethodEnter
        public static Route connectToRoutedPort(@Advice.This Socket socket,
                                                @Advice.Argument(value = 0, readOnly = false) SocketAddress endpoint,
                                                @Advice.Local("host") String host) throws ConnectException {
            Route route = SocketOrigination.connecting(socket, endpoint);
            if (route != null) {
                host = ((InetSocketAddress) endpoint).getHostString();
                endpoint = Origination.atRoutedPort((InetSocketAddress) endpoint, route);
            }
            return route;
        }

        @Advice.OnMethodExit
        public static void secure(@Advice.Enter Route route, @Advice.This Socket socket,
                                  @Advice.Local("host") String host, @Advice.Argument(1) int connectTimeout)
                throws IOException {
            if (route != null) {
                SocketOrigination.connected(socket, route, host, connectTimeout);
            }
        }
    }

    public static final class InputAdvice {

        private InputAdvice() {
        }

        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        public static InputStream tls(@Advice.This Socket socket) throws IOException {
            return SocketOrigination.input(socket);
        }

        @Advice.OnMethodExit
        public static void useTls(@Advice.This Socket socket, @Advice.Enter InputStream tls,
                                  @Advice.Return(readOnly = false) InputStream stream) {
            stream = tls != null ? tls : SocketOrigination.plainInput(socket, stream);
        }
    }

    public static final class OutputAdvice {

        private OutputAdvice() {
        }

        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        public static OutputStream tls(@Advice.This Socket socket) throws IOException {
            return SocketOrigination.output(socket);
        }

        @Advice.OnMethodExit
        public static void useTls(@Advice.This Socket socket, @Advice.Enter OutputStream tls,
                                  @Advice.Return(readOnly = false) OutputStream stream) {
            stream = tls != null ? tls : SocketOrigination.plainOutput(socket, stream);
        }
    }

    public static final class ShutdownOutputAdvice {

        private ShutdownOutputAdvice() {
        }

        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        public static boolean closeNotify(@Advice.This Socket socket) throws IOException {
            return SocketOrigination.shutdownOutput(socket);
        }
    }

    public static final class CloseAdvice {

        private CloseAdvice() {
        }

        @Advice.OnMethodEnter
        public static void closeNotify(@Advice.This Socket socket) throws IOException {
            SocketOrigination.close(socket);
        }
    }

    public static final class LayeredTlsAdvice {

        private LayeredTlsAdvice() {
        }

        @Advice.OnMethodEnter
        public static void refuseTlsInTls(@Advice.Argument(0) Socket socket, @Advice.Argument(1) String host,
                                          @Advice.Argument(2) int port) throws IOException {
            SocketOrigination.layering(socket, host, port);
        }
    }

    public static final class ChannelConnectAdvice {

        private ChannelConnectAdvice() {
        }

        @Advice.OnMethodEnter
        public static void refusePlainText(@Advice.Argument(0) SocketAddress endpoint) throws ConnectException {
            ConnectGuard.check(endpoint);
        }
    }
}
