package org.tlsorigination.agent.instrument.jetty;

import java.io.IOException;
import java.net.SocketAddress;
import java.util.Map;
import net.bytebuddy.asm.Advice;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Origin;
import org.eclipse.jetty.client.transport.internal.HttpReceiverOverHTTP;
import org.eclipse.jetty.io.ClientConnectionFactory;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.SslClientConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.tlsorigination.agent.instrument.jetty.injected.OriginatedConnectContexts;
import org.tlsorigination.agent.instrument.jetty.injected.OriginatedDestinations;

/**
 * The advice of {@link JettyClientInstrumentation}'s Jetty 12 generations. Jetty 12 ships Java 17 class files, so
 * this is compiled at release 17 ({@code src/main/java17}) against Jetty 12; the agent never loads it, and inlines it
 * only into a Jetty 12, which runs on Java 17 and later anyway.
 */
public final class Jetty12Advice {

    private Jetty12Advice() {
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

    public static final class TunnelThroughProxy {

        private TunnelThroughProxy() {
        }

        @Advice.OnMethodExit
        public static void tunnel(@Advice.This HttpClient client, @Advice.Return(readOnly = false) Origin origin) {
            origin = OriginatedDestinations.throughProxy(client, origin);
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
        public static Connection withRuleTls(@Advice.This SslClientConnectionFactory factory,
                                             @Advice.Argument(0) EndPoint endPoint,
                                             @Advice.Argument(1) Map<String, Object> context) throws IOException {
            return OriginatedDestinations.withRuleTls(factory, endPoint, context);
        }

        @Advice.OnMethodExit
        public static void scheduleDeadline(@Advice.Enter Connection withRuleTls,
                                            @Advice.Return(readOnly = false) Connection connection,
                                            @Advice.Argument(0) EndPoint endPoint,
                                            @Advice.Argument(1) Map<String, Object> context) {
            if (withRuleTls != null) {
                connection = withRuleTls;
            } else {
                OriginatedDestinations.boundHandshake(endPoint, context);
            }
        }
    }

    public static final class NameTheReceiversFailure {

        private NameTheReceiversFailure() {
        }

        @Advice.OnMethodEnter
        public static void named(@Advice.This HttpReceiverOverHTTP receiver,
                                 @Advice.Argument(value = 0, readOnly = false) Throwable failure) {
            failure = OriginatedDestinations.failureOf(receiver.getHttpChannel().getHttpConnection().getEndPoint(),
                    failure);
        }
    }

    public static final class OriginateOnTransportConnect {

        private OriginateOnTransportConnect() {
        }

        @Advice.OnMethodEnter(skipOn = Advice.OnDefaultValue.class)
        public static SocketAddress originate(@Advice.Argument(value = 0, readOnly = false) SocketAddress address,
                                              @Advice.Argument(1) Map<String, Object> context) {
            address = OriginatedConnectContexts.connectAddress(address, context);
            return address;
        }
    }

    public static final class LayerTlsOnConnectorConnect {

        private LayerTlsOnConnectorConnect() {
        }

        @Advice.OnMethodEnter
        public static void layerTls(@Advice.Argument(1) Map<String, Object> context) {
            OriginatedConnectContexts.layerTls(context);
        }
    }

    /** As {@link BoundHandshake}, with 12.0's context keys, and the factory's fields as 12.0.4 on name them. */
    public static final class BoundHandshakeByContextNames {

        private BoundHandshakeByContextNames() {
        }

        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        public static Connection withRuleTls(@Advice.FieldValue("_sslContextFactory") SslContextFactory tls,
                                             @Advice.FieldValue("_clientConnectionFactory") ClientConnectionFactory wrapped,
                                             @Advice.Argument(0) EndPoint endPoint,
                                             @Advice.Argument(1) Map<String, Object> context) throws IOException {
            return OriginatedConnectContexts.withRuleTls(tls, wrapped, endPoint, context);
        }

        @Advice.OnMethodExit
        public static void scheduleDeadline(@Advice.Enter Connection withRuleTls,
                                            @Advice.Return(readOnly = false) Connection connection,
                                            @Advice.Argument(0) EndPoint endPoint,
                                            @Advice.Argument(1) Map<String, Object> context) {
            connection = OriginatedConnectContexts.withRuleTlsOrDeadline(withRuleTls, connection, endPoint, context);
        }
    }

    /** As {@link BoundHandshakeByContextNames}, with the factory's fields as 12.0.0 to 12.0.3 name them. */
    public static final class BoundHandshakeByContextNamesBefore1204 {

        private BoundHandshakeByContextNamesBefore1204() {
        }

        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        public static Connection withRuleTls(@Advice.FieldValue("sslContextFactory") SslContextFactory tls,
                                             @Advice.FieldValue("connectionFactory") ClientConnectionFactory wrapped,
                                             @Advice.Argument(0) EndPoint endPoint,
                                             @Advice.Argument(1) Map<String, Object> context) throws IOException {
            return OriginatedConnectContexts.withRuleTls(tls, wrapped, endPoint, context);
        }

        @Advice.OnMethodExit
        public static void scheduleDeadline(@Advice.Enter Connection withRuleTls,
                                            @Advice.Return(readOnly = false) Connection connection,
                                            @Advice.Argument(0) EndPoint endPoint,
                                            @Advice.Argument(1) Map<String, Object> context) {
            connection = OriginatedConnectContexts.withRuleTlsOrDeadline(withRuleTls, connection, endPoint, context);
        }
    }
}
