package org.tlsorigination.testapps.vertx;

import java.util.List;
import org.tlsorigination.testapps.harness.AppUnderTest;
import org.tlsorigination.testapps.harness.ChildJvm;
import org.tlsorigination.testapps.harness.OriginationContract;

/** The origination contract on the Vert.x HttpClient. */
@AppUnderTest(VertxGet.class)
class VertxOriginationTest extends OriginationContract {

    /**
     * Vert.x hands a connection back to its pool only after the response body has been delivered, so back-to-back
     * requests may open a second connection, with or without the agent; a pool of one makes reuse certain.
     */
    @Override
    protected List<String> threeRequestsOnOnePooledConnection(String url) {
        return List.of("--requests", "3", "--max-pool-size", "1", url);
    }

    /** Vert.x's plain http to its HTTP proxy goes through a tunnel of Netty's HTTP proxy handler instead. */
    @Override
    protected ProxiedRequests proxiedRequests() {
        return ProxiedRequests.TUNNELLED;
    }

    /** Vert.x resolves names with Netty's DNS client unless told otherwise; the JVM's resolver reads the hosts file. */
    @Override
    protected ChildJvm configured(ChildJvm app) {
        return app.systemProperty("vertx.disableDnsResolver", "true");
    }
}
