package org.tlsorigination.testapps.netty;

import org.tlsorigination.testapps.harness.AppUnderTest;
import org.tlsorigination.testapps.harness.ChildJvm;
import org.tlsorigination.testapps.harness.ThroughTheProxyContract;

/** Raw Netty through squid with its HttpProxyHandler, and through SOCKS5 with its Socks5ProxyHandler. */
@AppUnderTest(value = NettyGet.class, pageLine = NettyTransportTest.OK)
class NettyThroughTheProxyTest extends ThroughTheProxyContract {

    @Override
    protected ChildJvm throughProxy(ChildJvm app, int port) {
        return app.args("--proxy", "127.0.0.1:" + port);
    }

    @Override
    protected boolean takesSocksProxies() {
        return true;
    }

    @Override
    protected ChildJvm throughSocksProxy(ChildJvm app, int port) {
        return app.args("--socks-proxy", "127.0.0.1:" + port);
    }

    /** A proxy handler is the app's to add or not: Netty has no list of hosts to keep off it. */
    @Override
    protected boolean keepsHostsOffItsProxy() {
        return false;
    }
}
