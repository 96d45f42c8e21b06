package org.tlsorigination.testapps.reactor;

import org.tlsorigination.testapps.harness.AppUnderTest;
import org.tlsorigination.testapps.harness.ChildJvm;
import org.tlsorigination.testapps.harness.StandInServer;
import org.tlsorigination.testapps.harness.ThroughTheProxyContract;

/** Reactor Netty through squid and through SOCKS5, with the proxy, its credentials and non-proxy hosts in its spec. */
@AppUnderTest(value = ReactorGet.class, pageLine = "HTTP/1.1 200 OK, " + StandInServer.BODY_LENGTH + " bytes")
class ReactorNettyThroughTheProxyTest extends ThroughTheProxyContract {

    @Override
    protected ChildJvm throughProxy(ChildJvm app, int port) {
        return app.args("--proxy", "127.0.0.1:" + port);
    }

    @Override
    protected ChildJvm throughSocksProxy(ChildJvm app, int port) {
        return app.args("--socks-proxy", "127.0.0.1:" + port);
    }

    /** Its non-proxy hosts are a regular expression, which the host's own name matches. */
    @Override
    protected ChildJvm bypassingProxyFor(ChildJvm app, String host) {
        return app.args("--non-proxy-hosts", host);
    }
}
