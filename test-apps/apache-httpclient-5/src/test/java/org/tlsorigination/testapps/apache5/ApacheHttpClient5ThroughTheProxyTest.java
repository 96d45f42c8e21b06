package org.tlsorigination.testapps.apache5;

import org.tlsorigination.testapps.harness.AppUnderTest;
import org.tlsorigination.testapps.harness.ChildJvm;
import org.tlsorigination.testapps.harness.ClientShapes;
import org.tlsorigination.testapps.harness.ThroughTheProxyContract;

/**
 * Apache HttpClient 5 classic through squid, with the proxy in its request config and the credentials in its own
 * provider: the request it writes to the proxy is tunnelled at the socket.
 */
@AppUnderTest(Fetch.class)
@ClientShapes({"classic-default", "classic-pooled"})
class ApacheHttpClient5ThroughTheProxyTest extends ThroughTheProxyContract {

    @Override
    protected String pageLine(String url) {
        return "200 OK 151654 bytes " + url;
    }

    @Override
    protected ChildJvm throughProxy(ChildJvm app, int port) {
        return app.args("--proxy", "127.0.0.1:" + port);
    }

    @Override
    protected String[] fiveRequests(String url) {
        return new String[] {url, url, url, url, url};
    }

    /** Its non-proxy hosts are a route planner of the app's own, which these shapes do not have. */
    @Override
    protected boolean keepsHostsOffItsProxy() {
        return false;
    }
}
