package org.tlsorigination.agent.instrument.jetty;

import java.io.IOException;
import java.net.SocketAddress;
import java.util.Map;
import net.bytebuddy.asm.Advice;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.HttpConnection;
import org.eclipse.jetty.client.HttpRequest;
import org.eclipse.jetty.client.Origin;
import org.eclipse.jetty.client.http.HttpReceiverOverHTTP;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.SslClientConnectionFactory;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.tlsorigination.agent.bootstrap.Origination;
import org.tlsorigination.agent.instrument.jetty.injected.EndPointFailures;
import org.tlsorigination.agent.instrument.jetty.injected.Jetty10Connections;

/**
 * The advice of {@link JettyClientInstrumentation}'s Jetty 10 and 11 generation (11 is 10 in the jakarta namespace,
 * its client the same code). Jetty 10 ships Java 11 class files, so this is compiled at release 11 against Jetty
 * 10.0.0, the oldest API it claims ({@code src/main/jetty10}).
 */
public final class Jetty10Advice {

    private Jetty10Advice() {
    }

    /** A refused connection has failed its promise already, so the connect is skipped. */
    public static final class OriginateOnConnectorConnect {

        private OriginateOnConnectorConnect() {
        }

        @Advice.OnMethodEnter(skipOn = Advice.OnDefaultValue.class)
        public static SocketAddress originate(@Advice.Argument(value = 0, readOnly = false) SocketAddress address,
                                              @Advice.Argument(1) Map<String, Object> context) {
            address = Jetty10Connections.connectAddress(address, context);
            return address;
        }
    }

    public static final class TunnelThroughProxy {

        private TunnelThroughProxy() {
        }

        @Advice.OnMethodExit
        public static void tunnel(@Advice.This HttpClient client, @Advice.Return(readOnly = false) Origin origin) {
            origin = Jetty10Connections.throughProxy(client, origin);
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
                                             @Advice.FieldValue("sslContextFactory") SslContextFactory factoryTls,
                                             @Advice.Argument(0) EndPoint endPoint,
                                             @Advice.Argument(1) Map<String, Object> context) throws IOException {
            return Jetty10Connections.withRuleTls(factory, factoryTls, endPoint, context);
        }

        @Advice.OnMethodExit
        public static void scheduleDeadline(@Advice.Enter Connection withRuleTls,
                                            @Advice.Return(readOnly = false) Connection connection,
                                            @Advice.Argument(0) EndPoint endPoint,
                                            @Advice.Argument(1) Map<String, Object> context) {
            if (withRuleTls != null) {
                connection = withRuleTls;
            } else {
                Jetty10Connections.boundHandshake(endPoint, context);
            }
        }
    }

    public static final class WriteOriginFormInTunnel {

        private WriteOriginFormInTunnel() {
        }

        @Advice.OnMethodExit
        public static void originForm(@Advice.This HttpConnection connection, @Advice.Argument(0) HttpRequest request) {
            Jetty10Connections.inOriginForm(connection.getHttpDestination(), request);
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
            failure = EndPointFailures.named(receiver.getHttpChannel().getHttpConnection().getEndPoint(), failure);
        }
    }
}
