package org.tlsorigination.agent.instrument.jetty.injected;

import org.eclipse.jetty.client.HttpResponseException;
import org.eclipse.jetty.client.api.Connection;
import org.eclipse.jetty.util.Promise;
import org.tlsorigination.agent.bootstrap.ProxyTunnel;

/**
 * The promise of a connection in an originated tunnel of Jetty 10 or 11, and of 9.4, which has the same types: an
 * HTTP proxy that answers its CONNECT with anything but 200 fails it with an exception naming the proxy, its answer
 * and the host, as every family's refused tunnel does.
 */
public final class Jetty10ProxyAnswerPromise extends Promise.Wrapper<Connection> {
    private final String host;
    private final int port;
    private final String proxy;

    Jetty10ProxyAnswerPromise(Promise<Connection> promise, String host, int port, String proxy) {
        super(promise);
        this.host = host;
        this.port = port;
        this.proxy = proxy;
    }

    @Override
    public void failed(Throwable failure) {
        if (failure instanceof HttpResponseException && ((HttpResponseException) failure).getResponse() != null) {
            HttpResponseException refused = (HttpResponseException) failure;
            super.failed(ProxyTunnel.refused(host, port, proxy, refused.getResponse().getStatus() + " "
                    + refused.getResponse().getReason()).initCause(failure));
        } else {
            super.failed(failure);
        }
    }
}
