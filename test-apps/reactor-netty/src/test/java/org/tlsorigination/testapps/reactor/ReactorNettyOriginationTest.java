package org.tlsorigination.testapps.reactor;

import java.util.List;
import org.tlsorigination.testapps.harness.AppUnderTest;
import org.tlsorigination.testapps.harness.OriginationContract;
import org.tlsorigination.testapps.harness.StandInServer;

/** The origination contract on the Reactor Netty HttpClient. */
@AppUnderTest(value = ReactorGet.class, pageLine = "HTTP/1.1 200 OK, " + StandInServer.BODY_LENGTH + " bytes")
class ReactorNettyOriginationTest extends OriginationContract {

    /**
     * Reactor Netty may emit a response before its connection is back in the pool, so back-to-back requests can open
     * a second connection, with or without the agent; a pool of one makes reuse certain.
     */
    @Override
    protected List<String> threeRequestsOnOnePooledConnection(String url) {
        return List.of("--requests", "3", "--max-connections", "1", url);
    }

    /** Its HTTP proxy handler tunnels, and TLS runs inside the tunnel. */
    @Override
    protected ProxiedRequests proxiedRequests() {
        return ProxiedRequests.TUNNELLED;
    }
}
