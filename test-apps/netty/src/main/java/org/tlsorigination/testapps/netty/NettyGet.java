package org.tlsorigination.testapps.netty;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.proxy.HttpProxyHandler;
import io.netty.handler.proxy.Socks5ProxyHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A legacy client on raw Netty: a Bootstrap with HttpClientCodec and HttpObjectAggregator, one channel, and GET
 * requests one after another over it, for each URL in turn. An https URL gets the app's own SslHandler; a proxy,
 * Netty's proxy handler first in the pipeline. Prints one line per response or failure, and exits with 1 if any failed.
 * Usage: {@code NettyGet [--requests N] [--connect-timeout MILLIS] [--transport nio|epoll] [--proxy HOST:PORT]
 * [--socks-proxy HOST:PORT] [--proxy-user USER:PASSWORD] URL...}
 */
public final class NettyGet {
    private static final int RESPONSE_WAIT_SECONDS = 30;

    private NettyGet() {
    }

    public static void main(String[] args) {
        int requests = 1;
        int connectTimeoutMillis = 30_000;
        boolean epoll = false;
        List<URI> urls = new ArrayList<>();
        Proxy proxy = new Proxy();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--requests")) {
                requests = Integer.parseInt(args[++i]);
            } else if (args[i].equals("--connect-timeout")) {
                connectTimeoutMillis = Integer.parseInt(args[++i]);
            } else if (args[i].equals("--transport")) {
                epoll = args[++i].equals("epoll");
            } else if (args[i].equals("--proxy") || args[i].equals("--socks-proxy")) {
                proxy.socks = args[i].equals("--socks-proxy");
                String[] hostAndPort = args[++i].split(":");
                proxy.address = new InetSocketAddress(hostAndPort[0], Integer.parseInt(hostAndPort[1]));
            } else if (args[i].equals("--proxy-user")) {
                proxy.login = args[++i].split(":", 2);
            } else {
                urls.add(URI.create(args[i]));
            }
        }
        boolean failed = false;
        for (URI url : urls) {
            try {
                get(url, requests, connectTimeoutMillis, epoll, proxy);
            } catch (Exception e) {
                System.err.println("error: " + e.getClass().getSimpleName() + ": " + e.getMessage());
                failed = true;
            }
        }
        // Only a failure exits: the relocated test runs several apps in one JVM, one after another.
        if (failed) {
            System.exit(1);
        }
    }

    private static void get(URI url, int requests, int connectTimeoutMillis, boolean epoll, Proxy proxy)
            throws Exception {
        boolean https = url.getScheme().equals("https");
        int port = url.getPort() != -1 ? url.getPort() : https ? 443 : 80;
        SslContext tls = https ? SslContextBuilder.forClient().build() : null;
        BlockingQueue<Object> responses = new LinkedBlockingQueue<>();
        EventLoopGroup group = epoll ? new EpollEventLoopGroup(1) : new NioEventLoopGroup(1);
        try {
            Bootstrap bootstrap = new Bootstrap()
                    .group(group)
                    .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeoutMillis)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            if (tls != null) {
                                channel.pipeline().addLast(tls.newHandler(channel.alloc(), url.getHost(), port));
                            }
                            channel.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(1 << 20),
                                    new ResponseHandler(responses));
                            if (proxy.address != null) {
                                channel.pipeline().addFirst(proxy.handler());
                            }
                        }
                    });
            Channel channel = bootstrap.connect(url.getHost(), port).sync().channel();
            for (int i = 0; i < requests; i++) {
                FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, url.getRawPath());
                request.headers().set(HttpHeaderNames.HOST, url.getRawAuthority());
                channel.writeAndFlush(request).sync();
                Object response = responses.poll(RESPONSE_WAIT_SECONDS, TimeUnit.SECONDS);
                if (response instanceof Exception) {
                    throw (Exception) response;
                } else if (response == null) {
                    throw new TimeoutException("no response within " + RESPONSE_WAIT_SECONDS + " s");
                }
                System.out.println(response);
            }
            channel.close().sync();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    /** The app's proxy, if it has one; Netty's proxy handlers are loaded only then, so the app runs without them. */
    private static final class Proxy {
        boolean socks;
        InetSocketAddress address;
        String[] login;

        ChannelHandler handler() {
            return ProxyHandlers.of(this);
        }
    }

    private static final class ProxyHandlers {

        private ProxyHandlers() {
        }

        static ChannelHandler of(Proxy proxy) {
            if (proxy.socks) {
                return proxy.login == null ? new Socks5ProxyHandler(proxy.address)
                        : new Socks5ProxyHandler(proxy.address, proxy.login[0], proxy.login[1]);
            }
            return proxy.login == null ? new HttpProxyHandler(proxy.address)
                    : new HttpProxyHandler(proxy.address, proxy.login[0], proxy.login[1]);
        }
    }

    /** Hands each response, or what broke the channel, to the main thread. */
    private static final class ResponseHandler extends SimpleChannelInboundHandler<FullHttpResponse> {
        private final BlockingQueue<Object> responses;

        ResponseHandler(BlockingQueue<Object> responses) {
            this.responses = responses;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
            responses.add(response.protocolVersion() + " " + response.status() + ", "
                    + response.content().readableBytes() + " bytes");
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            responses.add(cause instanceof Exception ? cause : new IOException(cause));
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            responses.add(new IOException("the server closed the connection"));
        }
    }
}
