package org.tlsorigination.testapps.jetty;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.tlsorigination.testapps.harness.ChildJvm;
import org.tlsorigination.testapps.harness.OriginationContract;
import org.tlsorigination.testapps.harness.StandInServer;

/** The origination contract on Jetty's HttpClient 12. */
class JettyOriginationTest extends OriginationContract {

    @Override
    protected Class<?> app() {
        return JettyGet.class;
    }

    @Override
    protected String pageLine() {
        return "200 OK, " + StandInServer.BODY_LENGTH + " bytes";
    }

    /** Jetty returns a connection to its pool once the response has been read, so sequential requests share one. */
    @Override
    protected List<String> threeRequestsOnOnePooledConnection() {
        return options("--requests", "3");
    }

    @Override
    protected String failureLine() {
        return "error: SSLHandshakeException: TLS origination to edition.cnn.com:";
    }

    /** The request failed because its handshake did, not because the guard refused Jetty's connect. */
    @Override
    protected void assertFailureExplained(ChildJvm.Result result) {
        assertFalse(result.stderr().contains("refused a plain-text connection"), result::toString);
    }
}
