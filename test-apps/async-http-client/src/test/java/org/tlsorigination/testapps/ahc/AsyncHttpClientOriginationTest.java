package org.tlsorigination.testapps.ahc;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.tlsorigination.testapps.harness.ChildJvm;
import org.tlsorigination.testapps.harness.OriginationContract;
import org.tlsorigination.testapps.harness.StandInServer;

/**
 * The origination contract on AsyncHttpClient, which adds its own SslHandler for https only once connected, after
 * the point where Netty's channels are hooked.
 */
class AsyncHttpClientOriginationTest extends OriginationContract {

    @Override
    protected Class<?> app() {
        return AhcGet.class;
    }

    @Override
    protected String pageLine() {
        return "200 OK, " + StandInServer.BODY_LENGTH + " bytes";
    }

    @Override
    protected List<String> threeRequestsOnOnePooledConnection() {
        return options("--requests", "3");
    }

    /** AsyncHttpClient reports every failed connect, its own failed https handshakes too, as a ConnectException. */
    @Override
    protected String failureLine() {
        return "error: ConnectException: TLS origination to edition.cnn.com:";
    }

    @Override
    protected void assertFailureExplained(ChildJvm.Result result) {
        assertTrue(result.stderr().contains("caused by: SSLHandshakeException: TLS origination to edition.cnn.com:"),
                result::toString);
    }
}
