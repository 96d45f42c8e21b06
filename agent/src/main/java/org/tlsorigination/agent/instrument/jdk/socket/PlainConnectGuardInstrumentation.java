package org.tlsorigination.agent.instrument.jdk.socket;

import java.net.ConnectException;
import java.net.Socket;
import java.net.SocketAddress;
import net.bytebuddy.asm.Advice;
import org.tlsorigination.agent.bootstrap.ConnectGuard;
import org.tlsorigination.agent.instrument.ClientFamily;
import org.tlsorigination.agent.instrument.Hook;

/**
 * The guard for every client the agent does not rewrite: blocking sockets connect through
 * {@code java.net.Socket.connect(SocketAddress, int)} (the other constructors and overloads call it), and
 * non-blocking ones, Netty's NIO transport and {@code java.net.http} among them, through
 * {@code sun.nio.ch.SocketChannelImpl.connect(SocketAddress)}. Native transports (Netty's epoll) connect below both
 * and are not guarded.
 */
public final class PlainConnectGuardInstrumentation {
    static final Hook SOCKET_CONNECT = Hook.method("java.net.Socket", "connect", "java.net.SocketAddress", "int");
    static final Hook CHANNEL_CONNECT = Hook.method("sun.nio.ch.SocketChannelImpl", "connect",
            "java.net.SocketAddress");

    /** Switched by {@code tlsorigination.guard}, as it guards what the other families leave out. */
    public static final ClientFamily FAMILY = ClientFamily.named("guard", "plain-connect guard")
            .library(ClientFamily.JDK, "17 and 25", null)
            .hooks(SOCKET_CONNECT.advisedBy(SocketConnectAdvice.class),
                    CHANNEL_CONNECT.advisedBy(ChannelConnectAdvice.class))
            .build();

    private PlainConnectGuardInstrumentation() {
    }

    public static final class SocketConnectAdvice {

        private SocketConnectAdvice() {
        }

        @Advice.OnMethodEnter
        public static void refusePlainText(@Advice.This Socket socket, @Advice.Argument(0) SocketAddress endpoint)
                throws ConnectException {
            ConnectGuard.check(socket, endpoint);
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
