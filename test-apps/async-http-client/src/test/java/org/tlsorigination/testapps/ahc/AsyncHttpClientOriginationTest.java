package org.tlsorigination.testapps.ahc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tlsorigination.testapps.harness.ChildJvm;
import org.tlsorigination.testapps.harness.OriginationContract;
import org.tlsorigination.testapps.harness.SeedStage;
import org.tlsorigination.testapps.harness.StandInServer;
import org.tlsorigination.testapps.harness.TunnelingProxy;

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

    /** AsyncHttpClient sends a plain http request to an HTTP proxy as it is, which the proxy would read. */
    @Test
    void requestThroughAnHttpProxyIsRefused() throws Exception {
        try (SeedStage stage = SeedStage.start(dir, app()); TunnelingProxy proxy = new TunnelingProxy()) {
            ChildJvm.Result result = originate(stage, "--proxy", "127.0.0.1:" + proxy.port(),
                    stage.plainUrl("/politics"));

            assertEquals(1, result.exitCode(), result::toString);
            assertTrue(result.stderr().contains("error: ConnectException: TLS origination for edition.cnn.com:"
                    + stage.standIn().plainPort() + " cannot pass through the proxy 127.0.0.1:" + proxy.port()),
                    result::toString);
            assertEquals(List.of(), proxy.requestLines());
            assertEquals(0, stage.standIn().connections().size(), stage.standIn()::summary);
        }
    }
}
