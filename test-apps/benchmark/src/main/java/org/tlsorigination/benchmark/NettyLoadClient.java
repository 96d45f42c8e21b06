package org.tlsorigination.benchmark;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.AttributeKey;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * Raw Netty as an app that wrote its own HTTP client would use it: a channel per caller thread, kept alive, and for
 * https an SslHandler over the JDK's default context with the host checked, as the agent checks it.
 */
final class NettyLoadClient implements LoadClient {
    private static final int TIMEOUT_SECONDS = 30;

    private final EventLoopGroup group = new NioEventLoopGroup(2);
    private final String host;
    private final int port;
    private final boolean https;
    private final ThreadLocal<Channel> channels = new ThreadLocal<>();

    NettyLoadClient(String baseUrl) {
        URI uri = URI.create(baseUrl);
        this.host = uri.getHost();
        this.port = uri.getPort();
        this.https = "https".equals(uri.getScheme());
    }

    @Override
    public void get(String path, boolean close) throws Exception {
        Channel channel = channels.get();
        if (channel == null || !channel.isActive()) {
            channel = connect();
            channels.set(channel);
        }
        CompletableFuture<Integer> status = new CompletableFuture<>();
        channel.attr(Responses.PENDING).set(status);
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, path);
        request.headers().set(HttpHeaderNames.HOST, host + ":" + port);
        if (close) {
            request.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        channel.writeAndFlush(request);
        int code = status.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (code != 200) {
            throw new IllegalStateException("HTTP " + code);
        }
        if (close) {
            channel.close().syncUninterruptibly();
            channels.remove();
        }
    }

    private Channel connect() throws Exception {
        Channel channel = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) throws Exception {
                        if (https) {
                            ch.pipeline().addLast(new SslHandler(verifyingEngine()));
                        }
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(1 << 20),
                                new Responses());
                    }
                })
                .connect(host, port).sync().channel();
        SslHandler tls = channel.pipeline().get(SslHandler.class);
        if (tls != null) {
            tls.handshakeFuture().sync();
        }
        return channel;
    }

    private SSLEngine verifyingEngine() throws Exception {
        SSLEngine engine = SSLContext.getDefault().createSSLEngine(host, port);
        engine.setUseClientMode(true);
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        engine.setSSLParameters(parameters);
        return engine;
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Completes the caller's future with each response's status. */
    private static final class Responses extends SimpleChannelInboundHandler<FullHttpResponse> {
        static final AttributeKey<CompletableFuture<Integer>> PENDING =
                AttributeKey.valueOf("benchmark.pending");

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
            ctx.channel().attr(PENDING).get().complete(response.status().code());
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            CompletableFuture<Integer> pending = ctx.channel().attr(PENDING).get();
            if (pending != null) {
                pending.completeExceptionally(cause);
            }
            ctx.close();
        }
    }
}
