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
import org.eclipse.jetty.io.ssl.SslConnection;
import org.tlsorigination.agent.bootstrap.Origination;
import org.tlsorigination.agent.instrument.ClientFamily;
import org.tlsorigination.agent.instrument.Hook;
import org.tlsorigination.agent.instrument.jetty.injected.OriginatedConnectContexts;
import org.tlsorigination.agent.instrument.jetty.injected.OriginatedDestinations;
import org.tlsorigination.agent.instrument.jetty.injected.TunnelledOrigin;

/**
 * Jetty {@code HttpClient} 12. In 12.1 every connection of every destination is made by {@code HttpClient.connect}
 * with a context that says whether it is secured; an originated one gets the route's port and the rule's TLS there
 * ({@link OriginatedDestinations}). In 12.0 the transport connects each address, and the destination's scheme alone
 * secures it; an originated one gets the route's port there, and the rule's TLS over the connection factory that the
 * transport hands the connector ({@link OriginatedConnectContexts}). Through the app's proxy, in both, an originated
 * request gets an https origin at the rule's port, so Jetty tunnels, and its TLS layer there takes the rule's context.
 * Jetty's connect timeout ends with the TCP connect, so the TLS layer's creation starts a deadline of the same length
 * for the handshake.
 *
 * <p>Jetty 12 ships Java 17 class files, so this family is compiled at release 17 ({@code src/main/java17}) and the
 * agent, built for Java 11, registers it by name on a Java 17 JVM only.
 */
public final class JettyClientInstrumentation {
    /** Jetty 12.1: connects one address of a destination, before the connection factory is chosen from the context. */
    static final Hook CONNECT = Hook.method("org.eclipse.jetty.client.HttpClient", "connect",
            "java.net.SocketAddress", "java.util.Map");
    /** 12.0: connects one address of a destination, the connection factory for its scheme already chosen. */
    static final Hook TRANSPORT_CONNECT = Hook.method("org.eclipse.jetty.client.AbstractConnectorHttpClientTransport",
            "connect", "java.net.SocketAddress", "java.util.Map");
    /** 12.0: where that factory, in the context, reaches the connector. */
    static final Hook CONNECTOR_CONNECT = Hook.method("org.eclipse.jetty.io.ClientConnector", "connect",
            "java.net.SocketAddress", "java.util.Map");
    /** 12.0.4 on: the TLS factory the agent layers, built as 12.1 builds it; 12.0.0 to 12.0.3 take another type. */
    static final Hook TLS_FACTORY = Hook.publicConstructor("org.eclipse.jetty.io.ssl.SslClientConnectionFactory",
            "org.eclipse.jetty.util.ssl.SslContextFactory$Client", "org.eclipse.jetty.io.ByteBufferPool",
            "java.util.concurrent.Executor", "org.eclipse.jetty.io.ClientConnectionFactory");
    /** The origin, and so the destination, of every request. */
    static final Hook CREATE_ORIGIN = Hook.method("org.eclipse.jetty.client.HttpClient", "createOrigin",
            "org.eclipse.jetty.client.Request", "org.eclipse.jetty.client.Origin$Protocol");
    /** Wraps a connected endpoint in TLS and puts the engine in the context. */
    static final Hook TLS_CONNECTION = Hook.method("org.eclipse.jetty.io.ssl.SslClientConnectionFactory",
            "newConnection", "org.eclipse.jetty.io.EndPoint", "java.util.Map");

    /**
     * Where Jetty's TLS layer turns a failure of its connection into the one it fails the request with: a write to
     * the channel that the failed handshake closed may get there first, with Jetty's own exception.
     */
    static final Hook CONNECTION_FAILED = Hook.method("org.eclipse.jetty.io.ssl.SslConnection$SslEndPoint",
            "handshakeFailed", "java.lang.Throwable");

    /** Where a response's reader fails its request: the end of the stream before the response, among others. */
    static final Hook RECEIVER_FAILED = Hook.method(
            "org.eclipse.jetty.client.transport.internal.HttpReceiverOverHTTP", "failAndClose", "java.lang.Throwable");

    public static final ClientFamily FAMILY = ClientFamily.named("jetty-client", "Jetty HttpClient 12",
                    JettyClientInstrumentation.class)
            .library("Jetty HttpClient", "12.0.4 to 12.1.14",
                    "META-INF/maven/org.eclipse.jetty/jetty-client/pom.properties")
            .generation("12.1", CONNECT.advisedBy("OriginateOnConnect"),
                    TLS_CONNECTION.advisedBy("BoundHandshake"), CREATE_ORIGIN.advisedBy("TunnelThroughProxy"),
                    CONNECTION_FAILED.advisedBy("NameTheHandshakeFailure"),
                    RECEIVER_FAILED.advisedBy("NameTheReceiversFailure"))
            .generation("12.0.4 to 12.0.30", TRANSPORT_CONNECT.advisedBy("OriginateOnTransportConnect"),
                    CONNECTOR_CONNECT.advisedBy("LayerTlsOnConnectorConnect"), TLS_FACTORY,
                    TLS_CONNECTION.advisedBy("BoundHandshakeByContextNames"),
                    CREATE_ORIGIN.advisedBy("TunnelThroughProxy"),
                    CONNECTION_FAILED.advisedBy("NameTheHandshakeFailure"),
                    RECEIVER_FAILED.advisedBy("NameTheReceiversFailure"))
            .helpers("OriginatedDestinations", "OriginatedConnectContexts", "TunnelledOrigin", "ProxyAnswerPromise")
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

    public static final class NameTheHandshakeFailure {

        private NameTheHandshakeFailure() {
        }

        @Advice.OnMethodExit
        public static void named(@Advice.FieldValue("this$0") SslConnection connection,
                                 @Advice.Return(readOnly = false) Throwable failure) {
            failure = Origination.failureOf(connection.getSSLEngine(), failure);
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

    /** As {@link BoundHandshake}, with 12.0's context keys and 12.0's field for the factory's wrapped one. */
    public static final class BoundHandshakeByContextNames {

        private BoundHandshakeByContextNames() {
        }

        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        public static Connection withRuleTls(
                @Advice.This SslClientConnectionFactory factory,
                @Advice.FieldValue("_clientConnectionFactory") ClientConnectionFactory wrapped,
                @Advice.Argument(0) EndPoint endPoint, @Advice.Argument(1) Map<String, Object> context)
                throws IOException {
            return OriginatedConnectContexts.withRuleTls(factory, wrapped, endPoint, context);
        }

        @Advice.OnMethodExit
        public static void scheduleDeadline(@Advice.Enter Connection withRuleTls,
                                            @Advice.Return(readOnly = false) Connection connection,
                                            @Advice.Argument(0) EndPoint endPoint,
                                            @Advice.Argument(1) Map<String, Object> context) {
            if (withRuleTls != null) {
                connection = withRuleTls;
            } else {
                OriginatedConnectContexts.boundHandshake(endPoint, context);
            }
        }
    }
}
