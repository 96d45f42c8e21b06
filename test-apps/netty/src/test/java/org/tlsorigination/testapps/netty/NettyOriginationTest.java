package org.tlsorigination.testapps.netty;

import org.tlsorigination.testapps.harness.OriginationContract;

/** The origination contract on raw Netty: a Bootstrap with HttpClientCodec, on NIO, and the app's own SslHandler. */
class NettyOriginationTest extends OriginationContract {

    @Override
    protected Class<?> app() {
        return NettyGet.class;
    }

    @Override
    protected String pageLine(String url) {
        return NettyTransportTest.OK;
    }

    /** The app takes no proxy; Netty's proxy handlers are the contract's on Reactor Netty. */
    @Override
    protected ProxiedRequests proxiedRequests() {
        return ProxiedRequests.UNCHECKED;
    }
}
