package org.tlsorigination.agent.instrument.netty;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.concurrent.Future;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import net.bytebuddy.asm.Advice;
import org.tlsorigination.agent.bootstrap.Origination;
import org.tlsorigination.agent.bootstrap.Route;
import org.tlsorigination.agent.instrument.ClientFamily;
import org.tlsorigination.agent.instrument.Hook;
import org.tlsorigination.agent.instrument.netty.injected.OriginatedChannels;

/**
 * Netty client channels, and the clients built on them (Reactor Netty, AsyncHttpClient, Vert.x): every outbound
 * connect of every transport ends in the pipeline's head, whichever bootstrap or framework started it. The advice is
 * inlined into Netty 4.1's Java 6 class files, which cannot hold invokedynamic: it only calls
 * {@link OriginatedChannels}.
 */
public final class NettyInstrumentation {
    private static final String[] CONNECT = {"io.netty.channel.ChannelHandlerContext", "java.net.SocketAddress",
        "java.net.SocketAddress", "io.netty.channel.ChannelPromise"};

    /** The head of every pipeline hands connect to the transport's unsafe. */
    static final Hook HEAD_CONNECT = Hook.method("io.netty.channel.DefaultChannelPipeline$HeadContext", "connect",
            CONNECT);

    /** The HTTP and SOCKS proxy handlers take the destination from the connect and tunnel to it. */
    static final Hook PROXY_CONNECT = Hook.method("io.netty.handler.proxy.ProxyHandler", "connect", CONNECT)
            .whereItsTypeIsPresent();

    /** Every HTTP/1 request a Netty client writes, Vert.x's to a proxy among them, is encoded here. */
    static final Hook ENCODE = Hook.method("io.netty.handler.codec.http.HttpObjectEncoder", "encode",
            "io.netty.channel.ChannelHandlerContext", "java.lang.Object", "java.util.List").whereItsTypeIsPresent();

    public static final ClientFamily FAMILY = ClientFamily.named("netty", "Netty", NettyInstrumentation.class)
            .library("Netty", "4.1.137 to 4.2.18", "META-INF/maven/io.netty/netty-transport/pom.properties")
            .relocatable("io.netty")
            .hooks(HEAD_CONNECT.advisedBy("HeadConnectAdvice"),
                    PROXY_CONNECT.advisedBy("ProxyConnectAdvice"),
                    ENCODE.advisedBy("ProxyRequestAdvice"))
            .helpers("OriginatedChannels")
            .build();

    private NettyInstrumentation() {
    }

    /** Connects to the route's port, over a pipeline that originates TLS first. */
    public static final class HeadConnectAdvice {

        private HeadConnectAdvice() {
        }

        @Advice.OnMethodEnter
        public static void originate(@Advice.Argument(0) ChannelHandlerContext ctx,
                                     @Advice.Argument(value = 1, readOnly = false) SocketAddress remote,
                                     @Advice.Argument(value = 3, readOnly = false) ChannelPromise promise)
                throws ConnectException {
            Route route = OriginatedChannels.route(ctx, remote);
            if (route != null) {
                promise = OriginatedChannels.secure(ctx, route, remote, promise);
                remote = Origination.atRoutedPort((InetSocketAddress) remote, route);
            }
        }
    }

    /**
     * A proxy handler tunnels to the route's port of an originated destination, with TLS inside the tunnel; a client
     * that hands its proxy handler the proxy as the destination names the real one in a channel attribute.
     */
    public static final class ProxyConnectAdvice {

        private ProxyConnectAdvice() {
        }

        @Advice.OnMethodEnter
        public static void tunnel(@Advice.Argument(0) ChannelHandlerContext ctx,
                                  @Advice.Argument(value = 1, readOnly = false) SocketAddress destination,
                                  @Advice.Argument(value = 3, readOnly = false) ChannelPromise promise,
                                  @Advice.FieldValue("proxyAddress") SocketAddress proxy,
                                  @Advice.FieldValue("connectPromise") Future<?> tunnel) throws ConnectException {
            destination = OriginatedChannels.tunnelDestination(ctx, destination);
            Route route = OriginatedChannels.route(ctx, destination);
            if (route != null) {
                promise = OriginatedChannels.secureTunnel(ctx, route, destination, proxy, tunnel, promise);
                destination = Origination.atRoutedPort((InetSocketAddress) destination, route);
            }
        }
    }

    /**
     * A request for an originated host written in absolute form to a peer that is not that host goes to an HTTP proxy
     * in plain text, as Vert.x sends it: refused before it is encoded, failing the write. In a tunnel of the agent's,
     * such a request goes to the origin instead, in origin form.
     */
    public static final class ProxyRequestAdvice {

        private ProxyRequestAdvice() {
        }

        @Advice.OnMethodEnter
        public static void refusePlainText(@Advice.Argument(0) ChannelHandlerContext ctx,
                                           @Advice.Argument(1) Object message) throws ConnectException {
            if (message instanceof HttpRequest) {
                OriginatedChannels.toOriginOrRefuse(ctx, (HttpRequest) message);
            }
        }
    }
}
