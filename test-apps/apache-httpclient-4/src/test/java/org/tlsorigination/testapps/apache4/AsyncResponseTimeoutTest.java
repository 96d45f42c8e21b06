package org.tlsorigination.testapps.apache4;

import java.util.List;
import org.tlsorigination.testapps.harness.AppUnderTest;
import org.tlsorigination.testapps.harness.ClientShapes;
import org.tlsorigination.testapps.harness.TimeoutAfterHandshakeContract;

/** HttpAsyncClient's socket timeout on a response that never comes, after an originated handshake. */
@AppUnderTest(Fetch.class)
@ClientShapes(value = "async", library = "httpasyncclient")
class AsyncResponseTimeoutTest extends TimeoutAfterHandshakeContract {

    @Override
    protected List<String> oneSecondResponseTimeout() {
        return List.of("--socket-timeout", "1000");
    }

    @Override
    protected String clientsOwnTimeoutLine() {
        return "error: SocketTimeoutException";
    }
}
