package org.tlsorigination.testapps.vertx;

import java.util.List;
import org.tlsorigination.testapps.harness.ChildJvm;
import org.tlsorigination.testapps.harness.OriginationContract;
import org.tlsorigination.testapps.harness.StandInServer;

/** The origination contract on the Vert.x HttpClient. */
class VertxOriginationTest extends OriginationContract {

    @Override
    protected Class<?> app() {
        return VertxGet.class;
    }

    @Override
    protected String pageLine() {
        return "200 OK, " + StandInServer.BODY_LENGTH + " bytes";
    }

    /**
     * Vert.x hands a connection back to its pool only after the response body has been delivered, so back-to-back
     * requests may open a second connection, with or without the agent; a pool of one makes reuse certain.
     */
    @Override
    protected List<String> threeRequestsOnOnePooledConnection() {
        return options("--requests", "3", "--max-pool-size", "1");
    }

    @Override
    protected String failureLine() {
        return "error: SSLHandshakeException: TLS origination to edition.cnn.com:";
    }

    /** Vert.x sends plain http to an HTTP proxy as it is, which the agent does not check yet. */
    @Override
    protected boolean refusesProxiedRequests() {
        return false;
    }

    /** Vert.x resolves names with Netty's DNS client unless told otherwise; the JVM's resolver reads the hosts file. */
    @Override
    protected ChildJvm configured(ChildJvm app) {
        return app.systemProperty("vertx.disableDnsResolver", "true");
    }
}
