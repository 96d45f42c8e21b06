package org.tlsorigination.testapps.apache5;

import java.util.List;
import org.tlsorigination.testapps.harness.AppUnderTest;
import org.tlsorigination.testapps.harness.ClientShapes;
import org.tlsorigination.testapps.harness.TimeoutAfterHandshakeContract;

/**
 * HttpClient 5's response timeout on a response that never comes, after an originated handshake: async, where HttpCore
 * 5.4 starts the request's timeout during the handshake and the client's own https starts it after; classic, where the
 * agent's TLS layer on the socket takes the socket timeout that the response timeout sets.
 */
@AppUnderTest(Fetch.class)
@ClientShapes({"async-default", "async-custom", "classic-default", "classic-pooled"})
class TimeoutAfterHandshakeTest extends TimeoutAfterHandshakeContract {

    @Override
    protected List<String> oneSecondResponseTimeout() {
        return List.of("--connect-timeout", "1", "--response-timeout", "1");
    }

    @Override
    protected String clientsOwnTimeoutLine() {
        return "error: java.net.SocketTimeoutException";
    }
}
