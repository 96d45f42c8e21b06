package org.tlsorigination.agent.instrument.jetty;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import net.bytebuddy.asm.Advice;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.HttpConnection;
import org.eclipse.jetty.client.Origin;
import org.eclipse.jetty.client.api.Request;
import org.eclipse.jetty.io.ClientConnectionFactory;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.tlsorigination.agent.instrument.jetty.injected.Jetty9Connections;

/**
 * The advice of {@link JettyClientInstrumentation}'s Jetty 9.4 generation, compiled at release 11 against Jetty
 * 9.4.57, the oldest API it claims ({@code src/main/jetty9}); Byte Buddy inlines it into Jetty's Java 8 class files.
 */
public final class Jetty9Advice {

    private Jetty9Advice() {
    }

    /** A refused connection has failed its promise already, so the connect is skipped. */
    public static final class OriginateOnTransportConnect {

        private OriginateOnTransportConnect() {
        }

        @Advice.OnMethodEnter(skipOn = Advice.OnDefaultValue.class)
        public static InetSocketAddress originate(
                @Advice.Argument(value = 0, readOnly = false) InetSocketAddress address,
                @Advice.Argument(1) Map<String, Object> context) {
            address = Jetty9Connections.connectAddress(address, context);
            return address;
        }
    }

    /** Jetty 9.4 takes a connection's factory from its destination, so the rule's TLS is layered where it is used. */
    public static final class LayerTlsOnNewConnection {

        private LayerTlsOnNewConnection() {
        }

        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        public static Connection withRuleTls(@Advice.Argument(1) EndPoint endPoint,
                                             @Advice.Argument(2) Object context) throws IOException {
            return Jetty9Connections.withRuleTls(endPoint, context);
        }

        @Advice.OnMethodExit
        public static void layered(@Advice.Enter Connection withRuleTls,
                                   @Advice.Return(readOnly = false) Connection connection) {
            if (withRuleTls != null) {
                connection = withRuleTls;
            }
        }
    }

    public static final class TunnelThroughProxy {

        private TunnelThroughProxy() {
        }

        @Advice.OnMethodExit
        public static void tunnel(@Advice.This HttpClient client, @Advice.Return(readOnly = false) Origin origin) {
            origin = Jetty9Connections.throughProxy(client, origin);
        }
    }

    /**
     * An originated tunnel's TLS layer is made anew over the rule's context, whose own layer bounds its handshake;
     * any other originated one is bounded here.
     */
    public static final class BoundHandshake {

        private BoundHandshake() {
        }

        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        public static Connection withRuleTls(@Advice.FieldValue("sslContextFactory") SslContextFactory factoryTls,
                                             @Advice.FieldValue("connectionFactory") ClientConnectionFactory inner,
                                             @Advice.Argument(0) EndPoint endPoint,
                                             @Advice.Argument(1) Map<String, Object> context) throws IOException {
            return Jetty9Connections.inTunnelWithRuleTls(factoryTls, inner, endPoint, context);
        }

        @Advice.OnMethodExit
        public static void scheduleDeadline(@Advice.Enter Connection withRuleTls,
                                            @Advice.Return(readOnly = false) Connection connection,
                                            @Advice.Argument(1) Map<String, Object> context) {
            if (withRuleTls != null) {
                connection = withRuleTls;
            } else {
                Jetty9Connections.boundHandshake(connection, context);
            }
        }
    }

    public static final class WriteRequestForTheOrigin {

        private WriteRequestForTheOrigin() {
        }

        @Advice.OnMethodExit
        public static void forTheOrigin(@Advice.This HttpConnection connection, @Advice.Argument(0) Request request) {
            Jetty9Connections.forTheOrigin(connection.getHttpDestination(), request);
        }
    }
}
