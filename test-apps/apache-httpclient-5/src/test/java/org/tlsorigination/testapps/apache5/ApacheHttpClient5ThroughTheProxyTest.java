package org.tlsorigination.testapps.apache5;

import org.tlsorigination.testapps.harness.AppUnderTest;
import org.tlsorigination.testapps.harness.ChildJvm;
import org.tlsorigination.testapps.harness.ClientShapes;
import org.tlsorigination.testapps.harness.ThroughTheProxyContract;

/**
 * Apache HttpClient 5 through squid, with the proxy in its request config and the credentials in its own provider:
 * the request the classic client writes to the proxy is tunnelled at the socket; the async client opens the tunnel
 * itself, on the route the agent gives it, and keeps it in its pool.
 */
@AppUnderTest(Fetch.class)
@ClientShapes({"classic-default", "classic-pooled", "async-default"})
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

    @Override
    protected boolean reusesItsTunnel() {
        return client.shape().startsWith("async-");
    }

    /** Its non-proxy hosts are a route planner of the app's own, which these shapes do not have. */
    @Override
    protected boolean keepsHostsOffItsProxy() {
        return false;
    }
}
