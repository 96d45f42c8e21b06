package org.tlsorigination.testapps.apache5;

import java.util.List;
import org.tlsorigination.testapps.harness.AppUnderTest;
import org.tlsorigination.testapps.harness.ClientShapes;
import org.tlsorigination.testapps.harness.OriginationContract;

/** The origination contract on Apache HttpClient 5, classic and async, each with its default and a custom pool. */
@AppUnderTest(Fetch.class)
@ClientShapes({"classic-default", "classic-pooled", "async-default", "async-custom"})
class ApacheHttpClient5OriginationTest extends OriginationContract {

    @Override
    protected String pageLine(String url) {
        return "200 OK 151654 bytes " + url;
    }

    @Override
    protected List<String> threeRequestsOnOnePooledConnection(String url) {
        return List.of(url, url, url);
    }

    /** The app takes seconds. Classic runs the handshake under the connect timeout, async as its own https. */
    @Override
    protected List<String> oneSecondSetUpTimeout() {
        return List.of("--connect-timeout", "1");
    }

    /**
     * A classic handshake's timeout HttpClient 5.0 reports in a ConnectTimeoutException that names the route first,
     * and later versions as the agent's exception.
     */
    @Override
    protected String errorPrefix(Failure failure) {
        switch (failure) {
            case PROXY_REFUSED:
                return "error: java.net.ConnectException: ";
            case HANDSHAKE_TIMEOUT:
                return async() ? "error: javax.net.ssl.SSLHandshakeException: " : "";
            default:
                return "error: javax.net.ssl.SSLHandshakeException: ";
        }
    }

    /** A classic client's request to the proxy is tunnelled at the socket; an async client tunnels on its route. */
    @Override
    protected ProxiedRequests proxiedRequests() {
        return ProxiedRequests.TUNNELLED;
    }

    /** The classic and the async client are two families: the matrix meets both. */
    @Override
    protected boolean runsTheFailClosedMatrix() {
        return onTheNewestClaimedVersion() && List.of("classic-default", "async-default").contains(client.shape());
    }

    private boolean async() {
        return client.shape().startsWith("async-");
    }
}
