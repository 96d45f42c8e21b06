package org.tlsorigination.testapps.apache4;

import org.tlsorigination.testapps.harness.AppUnderTest;
import org.tlsorigination.testapps.harness.ChildJvm;
import org.tlsorigination.testapps.harness.ClientShapes;
import org.tlsorigination.testapps.harness.StandInServer;
import org.tlsorigination.testapps.harness.ThroughTheProxyContract;

/**
 * Apache HttpClient 4 through squid, with the proxy in its request config (or DefaultHttpClient's params) and the
 * credentials in its own provider: the request it writes to the proxy is tunnelled at the socket. Through SOCKS, on
 * the sockets of Apache's own SOCKS example. HttpAsyncClient 4.0 and 4.1 open the tunnel themselves, with their own
 * credentials, on the route the agent gives them.
 */
@AppUnderTest(value = Fetch.class, pageLine = "HTTP/1.1 200 OK " + StandInServer.BODY_LENGTH + " bytes")
@ClientShapes(value = {"default", "legacy"}, library = "httpclient")
@ClientShapes(value = "async", library = "httpasyncclient")
class ApacheHttpClient4ThroughTheProxyTest extends ThroughTheProxyContract {

    @Override
    protected ChildJvm throughProxy(ChildJvm app, int port) {
        return app.args("--proxy", "127.0.0.1:" + port);
    }

    /**
     * The default shape on SOCKS sockets, as Apache's own SOCKS example makes them, on each HttpClient version; the
     * legacy one takes none.
     */
    @Override
    protected ChildJvm throughSocksProxy(ChildJvm app, int port) {
        boolean socks = client.shape().equals("default") && client.version().name().startsWith("httpclient-");
        return socks ? app.args("--socks-proxy", "127.0.0.1:" + port) : null;
    }

    @Override
    protected String[] fiveRequests(String url) {
        return new String[] {url, url, url, url, url};
    }

    /** HttpAsyncClient pools its tunnel; the socket level opens one per request. */
    @Override
    protected boolean reusesItsTunnel() {
        return client.shape().equals("async");
    }

    /** Its non-proxy hosts are a route planner of the app's own, which these shapes do not have. */
    @Override
    protected boolean keepsHostsOffItsProxy() {
        return false;
    }
}
