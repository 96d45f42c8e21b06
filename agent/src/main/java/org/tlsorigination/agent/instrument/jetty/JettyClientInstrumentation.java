package org.tlsorigination.agent.instrument.jetty;

import org.tlsorigination.agent.instrument.ClientFamily;
import org.tlsorigination.agent.instrument.CompiledApart;
import org.tlsorigination.agent.instrument.Hook;

/**
 * Jetty {@code HttpClient} 9.4, 10, 11 and 12. In 12.1 every connection of every destination is made by
 * {@code HttpClient.connect} with a context that says whether it is secured; an originated one gets the route's port
 * and the rule's TLS there. In 12.0, 11 and 10 the transport connects each address, and the destination's scheme
 * alone secures it; an originated one gets the route's port there, and the rule's TLS over the connection factory
 * that the transport hands the connector. In 9.4 the transport connects each address too, and the destination makes
 * its connection factory once; an originated one gets the route's port there, and the rule's TLS over that factory
 * where the transport's selector manager makes its connection. Through the app's proxy, in all, an originated
 * request gets an https origin at the rule's port, so Jetty tunnels, and its TLS layer there takes the rule's context.
 * Jetty's connect timeout ends with the TCP connect, so the TLS layer's creation starts a deadline of the same length
 * for the handshake.
 *
 * <p>The advice and helpers of each generation are compiled against its own Jetty: Jetty 12's at release 17
 * ({@code Jetty12Advice}, {@code src/main/java17}), which only a Jetty 12 on Java 17 ever gets; Jetty 10's at
 * release 11 ({@code Jetty10Advice}, {@code src/main/jetty10}), with the helpers every generation shares; Jetty 9.4's
 * at release 11 against Jetty 9.4.57 ({@code Jetty9Advice}, {@code src/main/jetty9}).
 */
public final class JettyClientInstrumentation {
    private static final CompiledApart JETTY_12 = CompiledApart.in("Jetty12Advice", "OriginatedDestinations",
            "OriginatedConnectContexts", "ProxyAnswerPromise");
    private static final CompiledApart JETTY_10 = CompiledApart.in("Jetty10Advice", "Jetty10Connections",
            "Jetty10ProxyAnswerPromise");
    private static final CompiledApart JETTY_9 = CompiledApart.in("Jetty9Advice", "Jetty9Connections",
            "Jetty10ProxyAnswerPromise");
    /** The same in every generation: its advice touches only {@code jetty-io} types that Jetty 12 kept. */
    private static final String NAME_THE_HANDSHAKE_FAILURE =
            "org.tlsorigination.agent.instrument.jetty.Jetty10Advice$NameTheHandshakeFailure";
    /** The same in 9.4, 10 and 11, whose response readers have the same types. */
    private static final String NAME_THE_RECEIVERS_FAILURE_10 =
            "org.tlsorigination.agent.instrument.jetty.Jetty10Advice$NameTheReceiversFailure";

    /** Jetty 12.1: connects one address of a destination, before the connection factory is chosen from the context. */
    static final Hook CONNECT = Hook.method("org.eclipse.jetty.client.HttpClient", "connect",
            "java.net.SocketAddress", "java.util.Map");
    /** 12.0: connects one address of a destination, the connection factory for its scheme already chosen. */
    static final Hook TRANSPORT_CONNECT = Hook.method("org.eclipse.jetty.client.AbstractConnectorHttpClientTransport",
            "connect", "java.net.SocketAddress", "java.util.Map");
    /** 12.0, 11 and 10: where that factory, in the context, reaches the connector. */
    static final Hook CONNECTOR_CONNECT = Hook.method("org.eclipse.jetty.io.ClientConnector", "connect",
            "java.net.SocketAddress", "java.util.Map");
    /** 12.0.4 on: the TLS factory the agent layers, built as 12.1 builds it. */
    static final Hook TLS_FACTORY = Hook.publicConstructor("org.eclipse.jetty.io.ssl.SslClientConnectionFactory",
            "org.eclipse.jetty.util.ssl.SslContextFactory$Client", "org.eclipse.jetty.io.ByteBufferPool",
            "java.util.concurrent.Executor", "org.eclipse.jetty.io.ClientConnectionFactory");
    /** 12.0.0 to 12.0.3, 10, 11 and 9.4: the same factory, taking any context factory. */
    static final Hook TLS_FACTORY_10 = Hook.publicConstructor("org.eclipse.jetty.io.ssl.SslClientConnectionFactory",
            "org.eclipse.jetty.util.ssl.SslContextFactory", "org.eclipse.jetty.io.ByteBufferPool",
            "java.util.concurrent.Executor", "org.eclipse.jetty.io.ClientConnectionFactory");
    /** The origin, and so the destination, of every request; 10 and 11 take their own request type. */
    static final Hook CREATE_ORIGIN = Hook.method("org.eclipse.jetty.client.HttpClient", "createOrigin",
            "org.eclipse.jetty.client.Request", "org.eclipse.jetty.client.Origin$Protocol");
    static final Hook CREATE_ORIGIN_10 = Hook.method("org.eclipse.jetty.client.HttpClient", "createOrigin",
            "org.eclipse.jetty.client.HttpRequest", "org.eclipse.jetty.client.Origin$Protocol");
    /** 10 and 11: where a request through an HTTP proxy takes its absolute form, if its scheme is not secure. */
    static final Hook NORMALIZE_REQUEST_10 = Hook.method("org.eclipse.jetty.client.HttpConnection", "normalizeRequest",
            "org.eclipse.jetty.client.HttpRequest");
    /** 9.4: connects one address of a destination, whose connection factory the destination made once. */
    static final Hook TRANSPORT_CONNECT_9 = Hook.method("org.eclipse.jetty.client.AbstractConnectorHttpClientTransport",
            "connect", "java.net.InetSocketAddress", "java.util.Map");
    /** 9.4: where that factory makes a connected endpoint's connection. */
    static final Hook NEW_CONNECTION_9 = Hook.method(
            "org.eclipse.jetty.client.AbstractConnectorHttpClientTransport$ClientSelectorManager", "newConnection",
            "java.nio.channels.SelectableChannel", "org.eclipse.jetty.io.EndPoint", "java.lang.Object");
    /** 9.4: the origin of every request; 10 takes a request instead. */
    static final Hook CREATE_ORIGIN_9 = Hook.method("org.eclipse.jetty.client.HttpClient", "createOrigin",
            "java.lang.String", "java.lang.String", "int", "java.lang.Object");
    static final Hook NORMALIZE_REQUEST_9 = Hook.method("org.eclipse.jetty.client.HttpConnection", "normalizeRequest",
            "org.eclipse.jetty.client.api.Request");
    /** The client-side context factory the rule's TLS is built on: 9.4.0 has none, 9.4.57 and later 9.4 do. */
    static final Hook CLIENT_TLS_CONTEXT_9 = Hook.publicConstructor(
            "org.eclipse.jetty.util.ssl.SslContextFactory$Client");

    /** Wraps a connected endpoint in TLS and puts the engine in the context. */
    static final Hook TLS_CONNECTION = Hook.method("org.eclipse.jetty.io.ssl.SslClientConnectionFactory",
            "newConnection", "org.eclipse.jetty.io.EndPoint", "java.util.Map");

    /**
     * Where Jetty's TLS layer turns a failure of its connection into the one it fails the request with: a write to
     * the channel that the failed handshake closed may get there first, with Jetty's own exception. 10 and 11 name
     * the layer's endpoint otherwise.
     */
    static final Hook CONNECTION_FAILED = Hook.method("org.eclipse.jetty.io.ssl.SslConnection$SslEndPoint",
            "handshakeFailed", "java.lang.Throwable");
    static final Hook CONNECTION_FAILED_10 = Hook.method("org.eclipse.jetty.io.ssl.SslConnection$DecryptedEndPoint",
            "handshakeFailed", "java.lang.Throwable");

    /** Where a response's reader fails its request: the end of the stream before the response, among others. */
    static final Hook RECEIVER_FAILED = Hook.method(
            "org.eclipse.jetty.client.transport.internal.HttpReceiverOverHTTP", "failAndClose", "java.lang.Throwable");
    static final Hook RECEIVER_FAILED_10 = Hook.method("org.eclipse.jetty.client.http.HttpReceiverOverHTTP",
            "failAndClose", "java.lang.Throwable");

    public static final ClientFamily FAMILY = ClientFamily.named("jetty-client", "Jetty HttpClient",
                    JettyClientInstrumentation.class)
            .library("Jetty HttpClient",
                    "9.4.57 to 9.4.58, 10.0.0 to 10.0.26, 11.0.0 to 11.0.26 and 12.0.0 to 12.1.14",
                    "META-INF/maven/org.eclipse.jetty/jetty-client/pom.properties")
            .generation("12.1", JETTY_12, CONNECT.advisedBy("OriginateOnConnect"),
                    TLS_CONNECTION.advisedBy("BoundHandshake"), CREATE_ORIGIN.advisedBy("TunnelThroughProxy"),
                    CONNECTION_FAILED.advisedBy(NAME_THE_HANDSHAKE_FAILURE),
                    RECEIVER_FAILED.advisedBy("NameTheReceiversFailure"))
            .generation("12.0.4 to 12.0.30", JETTY_12, jetty120(TLS_FACTORY, "BoundHandshakeByContextNames"))
            .generation("12.0.0 to 12.0.3", JETTY_12,
                    jetty120(TLS_FACTORY_10, "BoundHandshakeByContextNamesBefore1204"))
            .generation("10.0.0 to 11.0.26", JETTY_10, CONNECTOR_CONNECT.advisedBy("OriginateOnConnectorConnect"),
                    TLS_FACTORY_10, TLS_CONNECTION.advisedBy("BoundHandshake"),
                    CREATE_ORIGIN_10.advisedBy("TunnelThroughProxy"),
                    NORMALIZE_REQUEST_10.advisedBy("WriteOriginFormInTunnel"),
                    CONNECTION_FAILED_10.advisedBy(NAME_THE_HANDSHAKE_FAILURE),
                    RECEIVER_FAILED_10.advisedBy(NAME_THE_RECEIVERS_FAILURE_10))
            .generation("9.4.57 to 9.4.58", JETTY_9, TRANSPORT_CONNECT_9.advisedBy("OriginateOnTransportConnect"),
                    NEW_CONNECTION_9.advisedBy("LayerTlsOnNewConnection"), CLIENT_TLS_CONTEXT_9, TLS_FACTORY_10,
                    TLS_CONNECTION.advisedBy("BoundHandshake"), CREATE_ORIGIN_9.advisedBy("TunnelThroughProxy"),
                    NORMALIZE_REQUEST_9.advisedBy("WriteRequestForTheOrigin"),
                    CONNECTION_FAILED_10.advisedBy(NAME_THE_HANDSHAKE_FAILURE),
                    RECEIVER_FAILED_10.advisedBy(NAME_THE_RECEIVERS_FAILURE_10))
            .helpers("TunnelledOrigin", "HandshakeDeadline", "DestinationTls", "EndPointFailures")
            .build();

    /** Jetty 12.0's hooks, with the TLS factory's constructor and the advice for its fields, which 12.0.4 changed. */
    private static Hook[] jetty120(Hook tlsFactory, String boundHandshake) {
        return new Hook[] {TRANSPORT_CONNECT.advisedBy("OriginateOnTransportConnect"),
                CONNECTOR_CONNECT.advisedBy("LayerTlsOnConnectorConnect"), tlsFactory,
                TLS_CONNECTION.advisedBy(boundHandshake), CREATE_ORIGIN.advisedBy("TunnelThroughProxy"),
                CONNECTION_FAILED.advisedBy(NAME_THE_HANDSHAKE_FAILURE),
                RECEIVER_FAILED.advisedBy("NameTheReceiversFailure")};
    }

    private JettyClientInstrumentation() {
    }
}
