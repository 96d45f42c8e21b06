package org.tlsorigination.agent.instrument.jdk.tls;

import net.bytebuddy.asm.Advice;
import org.tlsorigination.agent.bootstrap.ConnectGuard;
import org.tlsorigination.agent.instrument.ClientFamily;
import org.tlsorigination.agent.instrument.Hook;

/**
 * The TLS clients the app makes itself, which tell the guard's count of plain-text connects apart from the connects
 * that TLS follows: a TCP connect looks the same either way. OkHttp and Apache HttpClient layer a JDK socket over the
 * one they connected; {@code java.net.http}, Netty, Jetty and the async clients make an engine for the peer. It
 * changes nothing of either, and lives or dies with the guard.
 */
public final class AppTlsInstrumentation {
    /**
     * The JDK provider's engines for a peer are made here. Not {@code SSLContext.createSSLEngine}, which would see
     * every provider's: the agent's own classes load {@code SSLContext} at start-up, and a hooked type loaded then
     * brings the class rewriter with it, in every app.
     */
    static final Hook ENGINE_FOR_PEER = Hook.method("sun.security.ssl.SSLContextImpl", "engineCreateSSLEngine",
            "java.lang.String", "int");
    static final Hook LAYERED_SOCKET = Hook.method("sun.security.ssl.SSLSocketFactoryImpl", "createSocket",
            "java.net.Socket", "java.lang.String", "int", "boolean");

    public static final ClientFamily FAMILY = ClientFamily.named("app-tls", "the app's own TLS",
                    AppTlsInstrumentation.class)
            .library(ClientFamily.JDK, "17 and 25", null)
            .hooks(ENGINE_FOR_PEER.advisedBy("EngineAdvice"), LAYERED_SOCKET.advisedBy("LayeredSocketAdvice"))
            .build();

    private AppTlsInstrumentation() {
    }

    /** Bookkeeping only, so nothing of it may reach the app. */
    public static final class EngineAdvice {

        private EngineAdvice() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void note(@Advice.Argument(0) String peerHost, @Advice.Argument(1) int peerPort) {
            ConnectGuard.securedByApp(peerHost, peerPort);
        }
    }

    /** Bookkeeping only, so nothing of it may reach the app. */
    public static final class LayeredSocketAdvice {

        private LayeredSocketAdvice() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void note(@Advice.Argument(1) String host, @Advice.Argument(2) int port) {
            ConnectGuard.securedByApp(host, port);
        }
    }
}
