package org.tlsorigination.testapps.netty;

import org.tlsorigination.testapps.harness.AppUnderTest;
import org.tlsorigination.testapps.harness.OriginationContract;

/** The origination contract on raw Netty: a Bootstrap with HttpClientCodec, on NIO, and the app's own SslHandler. */
@AppUnderTest(value = NettyGet.class, pageLine = NettyTransportTest.OK)
class NettyOriginationTest extends OriginationContract {

    /** Its HTTP proxy handler tunnels, and TLS runs inside the tunnel. */
    @Override
    protected ProxiedRequests proxiedRequests() {
        return ProxiedRequests.TUNNELLED;
    }
}
