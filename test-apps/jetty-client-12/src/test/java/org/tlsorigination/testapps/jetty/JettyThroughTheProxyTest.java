package org.tlsorigination.testapps.jetty;

import org.tlsorigination.testapps.harness.AppUnderTest;
import org.tlsorigination.testapps.harness.ChildJvm;
import org.tlsorigination.testapps.harness.ThroughTheProxyContract;

/**
 * Jetty's HttpClient through squid, with an {@code HttpProxy} in its proxy configuration, the credentials in its
 * authentication store and the host kept off the proxy in the proxy's excluded addresses: Jetty opens its own tunnel
 * to the rule's port, and reuses it; through a SOCKS5 proxy ({@code Socks5Proxy}, which Jetty 10.0.0 lacks), to the
 * rule's port too.
 */
@AppUnderTest(JettyGet.class)
class JettyThroughTheProxyTest extends ThroughTheProxyContract {

    @Override
    protected ChildJvm throughProxy(ChildJvm app, int port) {
        return app.args("--proxy", "127.0.0.1:" + port);
    }

    @Override
    protected ChildJvm throughSocksProxy(ChildJvm app, int port) {
        return client.version().hasClass(JettyTunnelTest.SOCKS5_PROXY) ? app.args("--socks5", "127.0.0.1:" + port)
                : null;
    }

    @Override
    protected ChildJvm bypassingProxyFor(ChildJvm app, String host) {
        return app.args("--no-proxy", host);
    }

    @Override
    protected boolean reusesItsTunnel() {
        return true;
    }
}
