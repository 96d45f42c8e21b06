package org.tlsorigination.agent.instrument.jdk;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import java.net.ConnectException;
import java.net.Socket;
import java.net.SocketAddress;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import org.tlsorigination.agent.bootstrap.ConnectGuard;
import org.tlsorigination.agent.instrument.ClientInstrumentation;

/**
 * The guard for every client the agent does not rewrite: blocking sockets connect through
 * {@code java.net.Socket.connect(SocketAddress, int)} (the other constructors and overloads call it), and
 * non-blocking ones, Netty's NIO transport and {@code java.net.http} among them, through
 * {@code sun.nio.ch.SocketChannelImpl.connect(SocketAddress)}, on JDK 11 to 25. Native transports (Netty's epoll)
 * connect below both and are not guarded.
 */
public final class PlainConnectGuardInstrumentation implements ClientInstrumentation {

    @Override
    public String family() {
        return "plain-connect guard";
    }

    @Override
    public AgentBuilder instrument(AgentBuilder agent) {
        return agent
                .type(named("java.net.Socket"))
                .transform(new AgentBuilder.Transformer.ForAdvice()
                        .include(PlainConnectGuardInstrumentation.class.getClassLoader())
                        .advice(named("connect").and(takesArguments(2)).and(takesArgument(0, SocketAddress.class))
                                        .and(takesArgument(1, int.class)),
                                SocketConnectAdvice.class.getName()))
                .type(named("sun.nio.ch.SocketChannelImpl"))
                .transform(new AgentBuilder.Transformer.ForAdvice()
                        .include(PlainConnectGuardInstrumentation.class.getClassLoader())
                        .advice(named("connect").and(takesArguments(SocketAddress.class)),
                                ChannelConnectAdvice.class.getName()));
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
