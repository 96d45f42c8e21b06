package org.tlsorigination.agent.instrument.asynchttpclient.injected;

import io.netty.bootstrap.Bootstrap;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import java.net.ConnectException;
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
     * text, a failed bootstrap, which fails the request. Otherwise {@code bootstrap} itself.
     */
    public static Future<Bootstrap> markOrRefuse(Uri uri, ProxyServer proxy, Future<Bootstrap> bootstrap)
            throws ConnectException {
        if (!bootstrap.isSuccess()) {
            return bootstrap;
        }
        if (uri.isSecured()) {
            if (Origination.route(uri.getHost(), uri.getExplicitPort()) != null) {
                Bootstrap marked = bootstrap.getNow().clone()
                        .attr(AttributeKey.valueOf(OriginatedChannels.APP_SECURES), Boolean.TRUE);
                return ImmediateEventExecutor.INSTANCE.<Bootstrap>newPromise().setSuccess(marked);
            }
        } else if (proxy != null) {
            try {
                Origination.routeVia("http", uri.getHost(), uri.getExplicitPort(), proxy.getHost(), proxy.getPort());
            } catch (ConnectException refused) {
                return ImmediateEventExecutor.INSTANCE.<Bootstrap>newPromise().setFailure(refused);
            }
        }
        return bootstrap;
    }
}
