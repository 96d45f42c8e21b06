package org.tlsorigination.agent.instrument.asynchttpclient.injected;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.proxy.HttpProxyHandler;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import org.asynchttpclient.Realm;
import org.asynchttpclient.proxy.ProxyServer;
import org.asynchttpclient.uri.Uri;
import org.tlsorigination.agent.bootstrap.Origination;
import org.tlsorigination.agent.instrument.netty.injected.OriginatedChannels;

/**
 * AsyncHttpClient's bootstraps, in its class loader. It adds its SslHandler for https only once a channel is
 * connected, after Netty's head has seen the connect, and it sends a plain http request to an HTTP proxy without any
 * proxy handler; so both cases are decided where it picks the bootstrap.
 */
public final class AppBootstraps {

    private AppBootstraps() {
    }

    /**
     * For a secured URI that a rule would originate, a copy of the bootstrap that marks its channels as the app's to
     * secure. For a plain one that a rule originates but that goes to an HTTP proxy, which would receive it in plain
     * text, a copy whose channels tunnel through that proxy with Netty's proxy handler, so the Netty family originates
     * TLS inside the tunnel. Otherwise {@code bootstrap} itself.
     */
    public static Future<Bootstrap> markOrTunnel(Uri uri, ProxyServer proxy, Future<Bootstrap> bootstrap)
            throws ConnectException {
        if (!bootstrap.isSuccess()) {
            return bootstrap;
        }
        Bootstrap changed = null;
        if (uri.isSecured()) {
            if (Origination.route(uri.getHost(), uri.getExplicitPort()) != null) {
                changed = bootstrap.getNow().clone()
                        .attr(AttributeKey.valueOf(OriginatedChannels.APP_SECURES), Boolean.TRUE);
            }
        } else if (proxy != null && proxy.getProxyType().isHttp()
                && Origination.route(uri.getHost(), uri.getExplicitPort()) != null) {
            Bootstrap tunnelling = bootstrap.getNow().clone();
            changed = tunnelling.attr(AttributeKey.<InetSocketAddress>valueOf(OriginatedChannels.TUNNEL_TO),
                    InetSocketAddress.createUnresolved(uri.getHost(), uri.getExplicitPort()))
                    .handler(new ThroughProxy(tunnelling.config().handler(), proxy));
        }
        return changed == null ? bootstrap : ImmediateEventExecutor.INSTANCE.<Bootstrap>newPromise().setSuccess(changed);
    }

    /** The client's own channel set-up, behind Netty's HTTP proxy handler with the proxy's Basic credentials. */
    @ChannelHandler.Sharable
    static final class ThroughProxy extends ChannelInitializer<Channel> {
        private final ChannelHandler client;
        private final ProxyServer proxy;

        ThroughProxy(ChannelHandler client, ProxyServer proxy) {
            this.client = client;
            this.proxy = proxy;
        }

        @Override
        protected void initChannel(Channel channel) {
            channel.pipeline().addLast(client);
            InetSocketAddress address = new InetSocketAddress(proxy.getHost(), proxy.getPort());
            Realm realm = proxy.getRealm();
            channel.pipeline().addFirst(realm != null && realm.getScheme() == Realm.AuthScheme.BASIC
                    ? new HttpProxyHandler(address, realm.getPrincipal(), realm.getPassword())
                    : new HttpProxyHandler(address));
        }
    }
}
