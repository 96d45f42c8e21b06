package org.tlsorigination.testapps.okhttp;

import java.util.List;
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

    @Override
    protected String failureLine() {
        return "error: SSLHandshakeException: TLS origination to edition.cnn.com:";
    }

    /** A timed-out handshake fails as OkHttp's own do, on a socket timeout. */
    @Override
    protected String timeoutLine() {
        return "error: SocketTimeoutException: TLS origination to edition.cnn.com:";
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
