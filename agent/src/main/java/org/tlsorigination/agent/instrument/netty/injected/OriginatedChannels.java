package org.tlsorigination.agent.instrument.netty.injected;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.PromiseCombiner;
import io.netty.util.concurrent.PromiseNotifier;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
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
    /**
     * A channel attribute: the destination, as the client asked for it, of the tunnel through the channel's proxy.
     * Set by the agent as it tunnels, or before by a client helper whose client names the proxy as the destination.
     */
    public static final String TUNNEL_TO = "tls-origination.tunnel-to";

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
    public static ChannelPromise secure(ChannelHandlerContext ctx, Route route, SocketAddress remote,
                                        ChannelPromise promise) {
        SslHandler tls = originating(ctx, route, ((InetSocketAddress) remote).getHostString());
        ctx.pipeline().addFirst(HANDLER_NAME, tls);
        return connectedOnceHandshaken(ctx, route, tls, promise);
    }

    /**
     * For a proxy handler's connect to a destination that a rule originates: the handler tunnels to the route's port
     * (the caller moves the destination), and the originating SslHandler goes right after it, so TLS runs inside the
     * tunnel and never to the proxy. The proxy handler holds the handshake's first bytes until the tunnel is up.
     * Returns the promise the handler's connect must complete instead of the client's, which completes once the
     * tunnel and the handshake have; a refused tunnel fails it naming the host, the proxy and its answer.
     */
    public static ChannelPromise secureTunnel(ChannelHandlerContext ctx, Route route, SocketAddress destination,
                                              SocketAddress proxy, Future<?> tunnel, ChannelPromise promise) {
        InetSocketAddress requested = (InetSocketAddress) destination;
        SslHandler tls = originating(ctx, route, requested.getHostString());
        ctx.pipeline().addAfter(ctx.name(), HANDLER_NAME, tls);
        ctx.channel().attr(AttributeKey.<InetSocketAddress>valueOf(TUNNEL_TO)).set(requested);
        String failure = "TLS origination to " + requested.getHostString() + ":" + route.port() + " through the proxy "
                + authority(proxy) + " failed: ";
        ChannelPromise connected = ctx.channel().newPromise();
        connected.addListener(done -> {
            if (!done.isSuccess()) {
                promise.tryFailure(done.cause());
            }
        });
        tunnel.addListener(established -> {
            if (!established.isSuccess()) {
                promise.tryFailure(new ConnectException(failure + refusal(established.cause())));
            }
        });
        // A refused tunnel fails the handshake's held bytes before it fails its own future: its cause goes first.
        tls.handshakeFuture().addListener(handshake -> {
            if (handshake.isSuccess()) {
                promise.trySuccess();
            } else {
                Throwable named = route.handshakeFailure(tls.engine(), handshake.cause());
                ctx.executor().execute(() -> promise.tryFailure(named));
            }
        });
        connected.addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        promise.addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        return connected;
    }

    /** The TLS handler for host, its handshake bounded by the connect timeout from now, its failure naming the host. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static SslHandler originating(ChannelHandlerContext ctx, Route route, String host) {
        int timeoutMillis = route.handshakeTimeoutMillis(ctx.channel().config().getConnectTimeoutMillis());
        SslHandler tls = new SslHandler(route.sslContext().createSSLEngine(host, route.port()));
        tls.setHandshakeTimeoutMillis(timeoutMillis);
        PromiseNotifier.cascade(false, ctx.executor().schedule(route.handshakeDeadline(tls.engine(), timeoutMillis),
                timeoutMillis, TimeUnit.MILLISECONDS), (Promise) tls.handshakeFuture());
        return tls;
    }

    private static ChannelPromise connectedOnceHandshaken(ChannelHandlerContext ctx, Route route, SslHandler tls,
                                                          ChannelPromise promise) {
        ChannelPromise connected = ctx.channel().newPromise();
        ChannelPromise handshake = ctx.channel().newPromise();
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
        return connected;
    }

    /** What a proxy handler's failure says past its own prefix ({@code http, none, proxy => destination, }). */
    private static String refusal(Throwable cause) {
        String message = String.valueOf(cause.getMessage());
        int arrow = message.indexOf(" => ");
        int reasonAt = arrow < 0 ? -1 : message.indexOf(", ", arrow);
        String reason = reasonAt < 0 ? message : message.substring(reasonAt + 2);
        return reason.startsWith("status: ") ? "the proxy answered " + reason.substring(8)
                : "the tunnel was not opened: " + reason;
    }

    private static String authority(SocketAddress address) {
        if (!(address instanceof InetSocketAddress)) {
            return String.valueOf(address);
        }
        InetSocketAddress inet = (InetSocketAddress) address;
        return inet.getHostString() + ":" + inet.getPort();
    }

    /** The destination a proxy handler must tunnel to: the one a client helper named for the channel, else its own. */
    public static SocketAddress tunnelDestination(ChannelHandlerContext ctx, SocketAddress destination) {
        InetSocketAddress named = ctx.channel().attr(AttributeKey.<InetSocketAddress>valueOf(TUNNEL_TO)).get();
        return named != null ? named : destination;
    }

    /**
     * In a tunnel, a request in absolute form for the tunnel's destination goes in origin form, without the headers
     * meant for the proxy; one for any other host is refused, as it would reach the wrong server. Outside a tunnel, a
     * request in absolute form for an originated host to a peer that is not that host, a proxy, which would receive
     * it in plain text, is refused. A refusal reaches the app's handlers and closes the connection, so the request
     * fails at once instead of waiting for an answer.
     */
    public static void toOriginOrRefuse(ChannelHandlerContext ctx, HttpRequest request) throws ConnectException {
        InetSocketAddress tunnelled = ctx.channel().attr(AttributeKey.<InetSocketAddress>valueOf(TUNNEL_TO)).get();
        String target = request.uri();
        try {
            if (tunnelled != null) {
                inOriginForm(request, target, tunnelled);
            } else if (ctx.channel().remoteAddress() instanceof InetSocketAddress) {
                InetSocketAddress peer = (InetSocketAddress) ctx.channel().remoteAddress();
                Origination.refuseProxyRequest(target, peer.getHostString(), peer.getPort());
            }
        } catch (ConnectException refused) {
            ctx.fireExceptionCaught(refused);
            ctx.close();
            throw refused;
        }
    }

    private static void inOriginForm(HttpRequest request, String target, InetSocketAddress tunnelled)
            throws ConnectException {
        if (target == null || !target.regionMatches(true, 0, "http://", 0, 7)) {
            return;
        }
        URI absolute;
        try {
            absolute = new URI(target);
        } catch (URISyntaxException e) {
            absolute = null;
        }
        if (absolute == null || absolute.getHost() == null || !absolute.getHost().equalsIgnoreCase(
                tunnelled.getHostString()) || (absolute.getPort() < 0 ? 80 : absolute.getPort()) != tunnelled.getPort()) {
            throw new ConnectException("TLS origination to " + tunnelled.getHostString() + ":" + tunnelled.getPort()
                    + " refused a request for " + target + " on its tunnel, which leads to another server");
        }
        String path = absolute.getRawPath() == null || absolute.getRawPath().isEmpty() ? "/" : absolute.getRawPath();
        request.setUri(absolute.getRawQuery() == null ? path : path + "?" + absolute.getRawQuery());
        request.headers().remove(HttpHeaderNames.PROXY_AUTHORIZATION);
        request.headers().remove("Proxy-Connection");
    }
}
