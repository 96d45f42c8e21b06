package org.tlsorigination.agent.instrument.vertx;

import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.ProxyOptions;
import io.vertx.core.net.SocketAddress;
import java.net.ConnectException;
import net.bytebuddy.asm.Advice;
import org.tlsorigination.agent.instrument.ClientFamily;
import org.tlsorigination.agent.instrument.Hook;
import org.tlsorigination.agent.instrument.vertx.injected.ProxiedConnectors;

/**
 * Vert.x's HttpClient: its plain http requests are originated by the Netty family, on whose channels it runs, and its
 * SOCKS proxies and https through an HTTP proxy ride on Netty's proxy handlers. A plain http request to an HTTP proxy
 * it sends to the proxy itself, in absolute form, with no proxy handler; for a host a rule originates, this family
 * makes that connection a tunnel through the same proxy instead ({@link ProxiedConnectors}), be it the client's proxy
 * or a request's own.
 */
public final class VertxInstrumentation {
    /** 5.0: the key of a pooled endpoint, which names the proxy a plain http request goes to, as its server too. */
    static final Hook NEW_ENDPOINT_KEY = Hook.constructor("io.vertx.core.http.impl.EndpointKey", "boolean",
            "io.vertx.core.net.ClientSSLOptions", "io.vertx.core.net.ProxyOptions", "io.vertx.core.net.SocketAddress",
            "io.vertx.core.net.HostAndPort");

    /** 5.0: one connector per pooled endpoint, told the proxy (none for plain http), the authority and the server. */
    static final Hook NEW_CONNECTOR = Hook.constructor("io.vertx.core.http.impl.HttpChannelConnector",
            "io.vertx.core.http.impl.HttpClientBase", "io.vertx.core.internal.net.NetClientInternal",
            "io.vertx.core.net.ClientSSLOptions", "io.vertx.core.net.ProxyOptions",
            "io.vertx.core.spi.metrics.ClientMetrics", "io.vertx.core.http.HttpVersion", "boolean", "boolean",
            "io.vertx.core.net.HostAndPort", "io.vertx.core.net.SocketAddress", "boolean", "long");

    public static final ClientFamily FAMILY = ClientFamily.named("vertx", "Vert.x HttpClient",
                    VertxInstrumentation.class)
            .library("Vert.x", "5.0.7", "META-INF/maven/io.vertx/vertx-core/pom.properties")
            .hooks(NEW_ENDPOINT_KEY.advisedBy("EndpointKeyAdvice"), NEW_CONNECTOR.advisedBy("TunnelAdvice"))
            .helpers("ProxiedConnectors", "ProxiedConnectors$KeyedProxy")
            .build();

    private VertxInstrumentation() {
    }

    public static final class EndpointKeyAdvice {

        private EndpointKeyAdvice() {
        }

        @Advice.OnMethodEnter
        public static void keyed(@Advice.Argument(0) boolean ssl, @Advice.Argument(2) ProxyOptions proxy,
                                 @Advice.Argument(3) SocketAddress server, @Advice.Argument(4) HostAndPort authority) {
            ProxiedConnectors.keyed(ssl, proxy, server, authority);
        }
    }

    public static final class TunnelAdvice {

        private TunnelAdvice() {
        }

        @Advice.OnMethodEnter
        public static void tunnel(@Advice.Argument(value = 3, readOnly = false) ProxyOptions proxy,
                                  @Advice.Argument(6) boolean ssl,
                                  @Advice.Argument(8) HostAndPort authority,
                                  @Advice.Argument(value = 9, readOnly = false) SocketAddress server)
                throws ConnectException {
            ProxyOptions tunnelThrough = ProxiedConnectors.tunnelThrough(proxy, ssl, authority, server);
            if (tunnelThrough != null) {
                proxy = tunnelThrough;
                server = SocketAddress.inetSocketAddress(authority.port(), authority.host());
            }
        }
    }
}
