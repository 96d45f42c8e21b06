package org.tlsorigination.testapps.okhttp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.tlsorigination.testapps.harness.ChildJvm;
import org.tlsorigination.testapps.harness.OriginationContract;
import org.tlsorigination.testapps.harness.StandInServer;

/** The origination contract on OkHttp. */
class OkHttpOriginationTest extends OriginationContract {

    @Override
    protected Class<?> app() {
        return OkHttpGet.class;
    }

    @Override
    protected String pageLine() {
        return "200 OK, " + StandInServer.BODY_LENGTH + " bytes";
    }

    @Override
    protected List<String> threeRequestsOnOnePooledConnection() {
        return options("--requests", "3");
    }

    /** The exception's type is checked below: a timed-out handshake fails as OkHttp's own do, on a socket timeout. */
    @Override
    protected String failureLine() {
        return ": TLS origination to edition.cnn.com:";
    }

    @Override
    protected void assertFailureExplained(ChildJvm.Result result) {
        assertTrue(result.stderr().contains("error: SSLHandshakeException" + failureLine())
                || result.stderr().contains("error: SocketTimeoutException" + failureLine()), result::toString);
    }

    /**
     * OkHttp runs its own https handshakes under its read timeout (10 s unless set), and so an originated one; its
     * connect timeout bounds only the TCP connect.
     */
    @Override
    protected List<String> setUpTimeout(String millis) {
        return options("--connect-timeout", millis, "--read-timeout", millis);
    }
}
