package org.tlsorigination.testapps.ahc;

import org.tlsorigination.testapps.harness.AppUnderTest;
import org.tlsorigination.testapps.harness.ChildJvm;
import org.tlsorigination.testapps.harness.ThroughTheProxyContract;

/**
 * AsyncHttpClient through squid and through SOCKS5, with the proxy, its Basic realm and non-proxy hosts in its
 * {@code ProxyServer}.
 */
@AppUnderTest(AhcGet.class)
class AsyncHttpClientThroughTheProxyTest extends ThroughTheProxyContract {

    @Override
    protected ChildJvm throughProxy(ChildJvm app, int port) {
        return app.args("--proxy", "127.0.0.1:" + port);
    }

    @Override
    protected ChildJvm throughSocksProxy(ChildJvm app, int port) {
        return app.args("--socks-proxy", "127.0.0.1:" + port);
    }

    @Override
    protected ChildJvm bypassingProxyFor(ChildJvm app, String host) {
        return app.args("--non-proxy-hosts", host);
    }
}
