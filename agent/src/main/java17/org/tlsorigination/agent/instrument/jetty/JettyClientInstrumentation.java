package org.tlsorigination.agent.instrument.jetty;

import java.net.SocketAddress;
import java.util.Map;
import net.bytebuddy.asm.Advice;
import org.eclipse.jetty.io.EndPoint;
import org.tlsorigination.agent.instrument.ClientFamily;
import org.tlsorigination.agent.instrument.Hook;
import org.tlsorigination.agent.instrument.jetty.injected.OriginatedDestinations;

/**
 * Jetty {@code HttpClient} 12.1. Every connection of every destination is made by {@code HttpClient.connect} with a
 * context that says whether it is secured; an originated one gets the route's port and the rule's TLS there
 * ({@link OriginatedDestinations}). Jetty's connect timeout ends with the TCP connect, so the TLS layer's creation
 * starts a deadline of the same length for the handshake.
 *
 * <p>Jetty 12 ships Java 17 class files, so this family is compiled at release 17 ({@code src/main/java17}) and the
 * agent, built for Java 11, registers it by name on a Java 17 JVM only.
 */
public final class JettyClientInstrumentation {
    /** Jetty 12.1: connects one address of a destination, before the connection factory is chosen from the context. */
    static final Hook CONNECT = Hook.method("org.eclipse.jetty.client.HttpClient", "connect",
            "java.net.SocketAddress", "java.util.Map");
    /** Wraps a connected endpoint in TLS and puts the engine in the context. */
    static final Hook TLS_CONNECTION = Hook.method("org.eclipse.jetty.io.ssl.SslClientConnectionFactory",
            "newConnection", "org.eclipse.jetty.io.EndPoint", "java.util.Map");

    public static final ClientFamily FAMILY = ClientFamily.named("jetty-client", "Jetty HttpClient 12")
            .library("Jetty HttpClient", "12.1.3 to 12.1.14",
                    "META-INF/maven/org.eclipse.jetty/jetty-client/pom.properties")
            .hooks(CONNECT.advisedBy(OriginateOnConnect.class), TLS_CONNECTION.advisedBy(BoundHandshake.class))
            .helpers(OriginatedDestinations.class.getName())
            .build();

    private JettyClientInstrumentation() {
    }

    public static final class OriginateOnConnect {

        private OriginateOnConnect() {
        }

        /** A refused connection has failed its promise already, so the connect is skipped. */
        @Advice.OnMethodEnter(skipOn = Advice.OnDefaultValue.class)
        public static SocketAddress originate(@Advice.Argument(value = 0, readOnly = false) SocketAddress address,
                                              @Advice.Argument(1) Map<String, Object> context) {
            address = OriginatedDestinations.connectAddress(address, context);
            return address;
        }
    }

    public static final class BoundHandshake {

        private BoundHandshake() {
        }

        @Advice.OnMethodExit
        public static void scheduleDeadline(@Advice.Argument(0) EndPoint endPoint,
                                            @Advice.Argument(1) Map<String, Object> context) {
            OriginatedDestinations.boundHandshake(endPoint, context);
        }
    }
}
