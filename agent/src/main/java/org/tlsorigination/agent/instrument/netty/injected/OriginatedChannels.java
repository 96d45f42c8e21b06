package org.tlsorigination.agent.instrument.netty.injected;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.PromiseCombiner;
import io.netty.util.concurrent.PromiseNotifier;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.TimeUnit;
import org.tlsorigination.agent.bootstrap.Origination;
import org.tlsorigination.agent.bootstrap.Route;

/**
 * Netty's originated channels, in Netty's class loader: a client channel whose connect a rule originates gets an
 * SslHandler first in its pipeline, so the handlers above it see plain HTTP and nothing is written before the
 * handshake, and its connect promise completes only when the handshake has.
 */
public final class OriginatedChannels {
    /** The name of the originating handler in a pipeline. */
    public static final String HANDLER_NAME = "tls-origination";
    /** A channel attribute: the client will add its own SslHandler after the connect, so leave the channel alone. */
    public static final String APP_SECURES = "tls-origination.app-secures";

    private OriginatedChannels() {
    }

    /**
     * The route for a connect to {@code remote}, or null to leave it alone: not a TCP client channel, secured already,
     * or about to be secured by the client itself.
     */
    public static Route route(ChannelHandlerContext ctx, SocketAddress remote) throws ConnectException {
        Channel channel = ctx.channel();
        if (!(remote instanceof InetSocketAddress) || !(channel instanceof SocketChannel)
                || ctx.pipeline().get(SslHandler.class) != null || channel.hasAttr(AttributeKey.valueOf(APP_SECURES))) {
            return null;
        }
        InetSocketAddress requested = (InetSocketAddress) remote;
        return Origination.route(requested.getHostString(), requested.getPort());
    }

    /**
     * Adds the originating SslHandler and returns the promise the transport's connect must complete instead of the
     * client's, which completes only once the handshake has, so a failed handshake is a failed connect. The connect
     * timeout bounds connect and handshake together, and its failure names the host.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static ChannelPromise secure(ChannelHandlerContext ctx, Route route, SocketAddress remote,
                                        ChannelPromise promise) {
        Channel channel = ctx.channel();
        String host = ((InetSocketAddress) remote).getHostString();
        int timeoutMillis = route.handshakeTimeoutMillis(channel.config().getConnectTimeoutMillis());
        SslHandler tls = new SslHandler(route.sslContext().createSSLEngine(host, route.port()));
        tls.setHandshakeTimeoutMillis(timeoutMillis);
        ctx.pipeline().addFirst(HANDLER_NAME, tls);

        ChannelPromise connected = channel.newPromise();
        ChannelPromise handshake = channel.newPromise();
        tls.handshakeFuture().addListener(done -> {
            if (done.isSuccess()) {
                handshake.trySuccess();
            } else {
                handshake.tryFailure(route.handshakeFailure(tls.engine(), done.cause()));
            }
        });
        PromiseCombiner handshaken = new PromiseCombiner(ctx.executor());
        handshaken.add(connected);
        handshaken.add(handshake);
        handshaken.finish(promise);
        // After the combiner's listeners, so a refused connect fails the client's promise with its own cause.
        connected.addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        promise.addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        PromiseNotifier.cascade(false, ctx.executor().schedule(route.handshakeDeadline(tls.engine(), timeoutMillis),
                timeoutMillis, TimeUnit.MILLISECONDS), (Promise) tls.handshakeFuture());
        return connected;
    }

    /**
     * A tunnel through a proxy to a host and port that a rule originates would carry the request past the proxy in
     * plain text: the connect fails, naming the host and the proxy, before the proxy is reached. Returns whether it
     * was refused.
     */
    public static boolean refuseTunnel(SocketAddress destination, SocketAddress proxy, ChannelPromise promise) {
        if (!(destination instanceof InetSocketAddress) || !(proxy instanceof InetSocketAddress)) {
            return false;
        }
        InetSocketAddress target = (InetSocketAddress) destination;
        InetSocketAddress via = (InetSocketAddress) proxy;
        try {
            Origination.routeVia("http", target.getHostString(), target.getPort(), via.getHostString(), via.getPort());
            return false;
        } catch (ConnectException refused) {
            promise.setFailure(refused);
            return true;
        }
    }

    /**
     * Refuses a request in absolute form for an originated host to a peer that is not that host: a proxy, which would
     * receive it in plain text. The app's handlers hear of it and the connection closes, so the request fails at
     * once instead of waiting for an answer.
     */
    public static void refuseProxyRequest(ChannelHandlerContext ctx, String requestTarget) throws ConnectException {
        if (!(ctx.channel().remoteAddress() instanceof InetSocketAddress)) {
            return;
        }
        InetSocketAddress peer = (InetSocketAddress) ctx.channel().remoteAddress();
        try {
            Origination.refuseProxyRequest(requestTarget, peer.getHostString(), peer.getPort());
        } catch (ConnectException refused) {
            ctx.fireExceptionCaught(refused);
            ctx.close();
            throw refused;
        }
    }
}
