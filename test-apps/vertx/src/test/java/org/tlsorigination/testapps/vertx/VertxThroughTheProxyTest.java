package org.tlsorigination.testapps.vertx;

import org.tlsorigination.testapps.harness.AppUnderTest;
import org.tlsorigination.testapps.harness.ChildJvm;
import org.tlsorigination.testapps.harness.ThroughTheProxyContract;

/**
 * Vert.x through squid and through SOCKS5, with the proxy and its credentials in its {@code ProxyOptions} and the
 * non-proxy hosts in its client options; the JVM's resolver reads the test's hosts file.
 */
@AppUnderTest(VertxGet.class)
class VertxThroughTheProxyTest extends ThroughTheProxyContract {

    @Override
    protected ChildJvm throughProxy(ChildJvm app, int port) {
        return app.systemProperty("vertx.disableDnsResolver", "true").args("--proxy", "127.0.0.1:" + port);
    }

    @Override
    protected ChildJvm throughSocksProxy(ChildJvm app, int port) {
        return app.systemProperty("vertx.disableDnsResolver", "true").args("--socks-proxy", "127.0.0.1:" + port);
    }

    @Override
    protected ChildJvm bypassingProxyFor(ChildJvm app, String host) {
        return app.args("--non-proxy-hosts", host);
    }
}
