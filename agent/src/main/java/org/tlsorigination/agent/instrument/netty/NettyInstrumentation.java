package org.tlsorigination.agent.instrument.netty;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.PromiseCombiner;
import io.netty.util.concurrent.PromiseNotifier;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.TimeUnit;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import org.asynchttpclient.proxy.ProxyServer;
import org.asynchttpclient.uri.Uri;
import org.tlsorigination.agent.bootstrap.Origination;
import org.tlsorigination.agent.bootstrap.Route;
import org.tlsorigination.agent.instrument.ClientInstrumentation;

/**
 * Netty client channels, and the clients built on them (Reactor Netty, AsyncHttpClient, Vert.x): every outbound
 * connect of every transport ends in the pipeline's head, whichever bootstrap or framework started it. Netty types
 * appear only in advice, which runs inlined in Netty's (or the framework's) own class loader. The advice has no
 * string concatenation and no lambdas: Netty 4.1 ships Java 6 class files, which cannot hold invokedynamic.
 */
public final class NettyInstrumentation implements ClientInstrumentation {
    /** The name of the originating handler in a pipeline. */
    static final String HANDLER_NAME = "tls-origination";
    /** A channel attribute: the client will add its own SslHandler after the connect, so leave the channel alone. */
    static final String APP_SECURES = "tls-origination.app-secures";

    @Override
    public String family() {
        return "Netty";
    }

    @Override
    public AgentBuilder instrument(AgentBuilder agent) {
        AgentBuilder.Transformer.ForAdvice advice = new AgentBuilder.Transformer.ForAdvice()
                .include(NettyInstrumentation.class.getClassLoader());
        return agent
                // Netty 4.1 and 4.2: the head of every pipeline hands connect to the transport's unsafe.
                .type(named("io.netty.channel.DefaultChannelPipeline$HeadContext"))
                .transform(advice.advice(named("connect").and(takesArguments(4))
                                .and(takesArgument(0, named("io.netty.channel.ChannelHandlerContext")))
                                .and(takesArgument(1, named("java.net.SocketAddress"))),
                        HeadConnectAdvice.class.getName()))
                // Netty's HTTP and SOCKS proxy handlers take the destination from the connect and tunnel to it.
                .type(named("io.netty.handler.proxy.ProxyHandler"))
                .transform(advice.advice(named("connect").and(takesArguments(4))
                                .and(takesArgument(0, named("io.netty.channel.ChannelHandlerContext")))
                                .and(takesArgument(1, named("java.net.SocketAddress"))),
                        ProxyConnectAdvice.class.getName()))
                // AsyncHttpClient 3: adds its SslHandler for https only once connected, so say so before the connect;
                // and sends plain http to an HTTP proxy without a proxy handler.
                .type(named("org.asynchttpclient.netty.channel.ChannelManager"))
                .transform(advice.advice(named("getBootstrap").and(takesArguments(3))
                                .and(takesArgument(0, named("org.asynchttpclient.uri.Uri"))),
                        AppBootstrapAdvice.class.getName()));
    }

    /**
     * Connects to the route's port and puts an SslHandler first in the pipeline, so the handlers above it see plain
     * HTTP and nothing is written before the handshake. The client's connect promise completes only when the
     * handshake has, so a failed handshake is a failed connect, which every client already reports.
     */
    public static final class HeadConnectAdvice {

        private HeadConnectAdvice() {
        }

        @Advice.OnMethodEnter
        @SuppressWarnings({"unchecked", "rawtypes"})
        public static void originate(@Advice.Argument(0) ChannelHandlerContext ctx,
                                     @Advice.Argument(value = 1, readOnly = false) SocketAddress remote,
                                     @Advice.Argument(value = 3, readOnly = false) ChannelPromise promise)
                throws ConnectException {
            Channel channel = ctx.channel();
            if (!(remote instanceof InetSocketAddress) || !(channel instanceof SocketChannel)
                    || ctx.pipeline().get(SslHandler.class) != null
                    || channel.hasAttr(AttributeKey.valueOf(APP_SECURES))) {
                return;
            }
            InetSocketAddress requested = (InetSocketAddress) remote;
            String host = requested.getHostString();
            Route route = Origination.route(host, requested.getPort());
            if (route == null) {
                return;
            }
            remote = requested.isUnresolved() ? InetSocketAddress.createUnresolved(host, route.port())
                    : new InetSocketAddress(requested.getAddress(), route.port());
            int timeoutMillis = route.handshakeTimeoutMillis(channel.config().getConnectTimeoutMillis());
            SslHandler tls = new SslHandler(route.sslContext().createSSLEngine(host, route.port()));
            tls.setHandshakeTimeoutMillis(timeoutMillis);
            ctx.pipeline().addFirst(HANDLER_NAME, tls);

            ChannelPromise connected = channel.newPromise();
            PromiseCombiner handshaken = new PromiseCombiner(ctx.executor());
            handshaken.add(connected);
            handshaken.add(tls.handshakeFuture());
            handshaken.finish(promise);
            // After the combiner's listeners, so a refused connect fails the client's promise with its own cause.
            connected.addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
            promise.addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
            // The connect timeout bounds connect and handshake together, and its failure names the host.
            PromiseNotifier.cascade(false, ctx.executor().schedule(route.handshakeDeadline(tls.engine(), timeoutMillis),
                    timeoutMillis, TimeUnit.MILLISECONDS), (Promise) tls.handshakeFuture());
            promise = connected;
        }
    }

    /**
     * A tunnel through a proxy to a host and port that a rule originates would carry the request past the proxy in
     * plain text: the connect fails, naming the host and the proxy, before the proxy is reached.
     */
    public static final class ProxyConnectAdvice {

        private ProxyConnectAdvice() {
        }

        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        public static boolean refuseTunnel(@Advice.Argument(1) SocketAddress destination,
                                           @Advice.Argument(3) ChannelPromise promise,
                                           @Advice.FieldValue("proxyAddress") SocketAddress proxy) {
            if (!(destination instanceof InetSocketAddress) || !(proxy instanceof InetSocketAddress)) {
                return false;
            }
            InetSocketAddress target = (InetSocketAddress) destination;
            InetSocketAddress via = (InetSocketAddress) proxy;
            try {
                Origination.refuseThroughProxy("http", target.getHostString(), target.getPort(), via.getHostString(),
                        via.getPort());
                return false;
            } catch (ConnectException refused) {
                promise.setFailure(refused);
                return true;
            }
        }
    }

    /**
     * For a secured URI that a rule would originate, hands back a copy of the bootstrap that marks its channels. For a
     * plain one that a rule originates but that goes to an HTTP proxy, which would receive it in plain text, hands
     * back a failed bootstrap, which fails the request.
     */
    public static final class AppBootstrapAdvice {

        private AppBootstrapAdvice() {
        }

        @Advice.OnMethodExit
        public static void markOrRefuse(@Advice.Argument(0) Uri uri,
                                        @Advice.Argument(2) ProxyServer proxy,
                                        @Advice.Return(readOnly = false) Future<Bootstrap> bootstrap)
                throws ConnectException {
            if (!bootstrap.isSuccess()) {
                return;
            }
            if (uri.isSecured()) {
                if (Origination.route(uri.getHost(), uri.getExplicitPort()) != null) {
                    Bootstrap marked = bootstrap.getNow().clone().attr(AttributeKey.valueOf(APP_SECURES), Boolean.TRUE);
                    bootstrap = ImmediateEventExecutor.INSTANCE.<Bootstrap>newPromise().setSuccess(marked);
                }
            } else if (proxy != null) {
                try {
                    Origination.refuseThroughProxy("http", uri.getHost(), uri.getExplicitPort(), proxy.getHost(),
                            proxy.getPort());
                } catch (ConnectException refused) {
                    bootstrap = ImmediateEventExecutor.INSTANCE.<Bootstrap>newPromise().setFailure(refused);
                }
            }
        }
    }
}
