package org.tlsorigination.testapps.apache4;

import java.util.List;
import org.tlsorigination.testapps.harness.AppUnderTest;
import org.tlsorigination.testapps.harness.ClientShapes;
import org.tlsorigination.testapps.harness.OriginationContract;
import org.tlsorigination.testapps.harness.StandInServer;

/**
 * The origination contract on Apache HttpClient 4, in each shape apps write it (default, pooled, fluent-hc, the legacy
 * DefaultHttpClient), and on HttpAsyncClient 4.
 */
@AppUnderTest(value = Fetch.class, pageLine = "HTTP/1.1 200 OK " + StandInServer.BODY_LENGTH + " bytes")
@ClientShapes(value = {"default", "pooled", "fluent", "legacy"}, library = "httpclient")
@ClientShapes(value = "async", library = "httpasyncclient")
class ApacheHttpClient4OriginationTest extends OriginationContract {

    @Override
    protected List<String> threeRequestsOnOnePooledConnection(String url) {
        return List.of(url, url, url);
    }

    /** HttpAsyncClient 4 runs the handshake under its socket timeout, the blocking clients under the connect timeout. */
    @Override
    protected List<String> oneSecondSetUpTimeout() {
        return List.of(async() ? "--socket-timeout" : "--connect-timeout", "1000");
    }

    /** A blocking client reports the agent's timeout inside a ConnectTimeoutException that names the route first. */
    @Override
    protected String errorPrefix(Failure failure) {
        return failure == Failure.HANDSHAKE_TIMEOUT && !async() ? "" : super.errorPrefix(failure);
    }

    /**
     * The app takes a proxy in its default, legacy and async shapes: the blocking client's request is tunnelled at
     * the socket, as its head is written to the proxy; HttpAsyncClient tunnels on the route the agent gives it.
     */
    @Override
    protected ProxiedRequests proxiedRequests() {
        return async() || client.shape().equals("default") || client.shape().equals("legacy")
                ? ProxiedRequests.TUNNELLED : ProxiedRequests.UNCHECKED;
    }

    private boolean async() {
        return client.shape().equals("async");
    }
}
