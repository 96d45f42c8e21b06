package org.tlsorigination.testapps.reactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tlsorigination.testapps.harness.ChildJvm;
import org.tlsorigination.testapps.harness.OriginationContract;
import org.tlsorigination.testapps.harness.SeedStage;
import org.tlsorigination.testapps.harness.StandInServer;
import org.tlsorigination.testapps.harness.TunnelingProxy;

/** The origination contract on the Reactor Netty HttpClient, and its proxy. */
class ReactorNettyOriginationTest extends OriginationContract {

    @Override
    protected Class<?> app() {
        return ReactorGet.class;
    }

    @Override
    protected String pageLine() {
        return "HTTP/1.1 200 OK, " + StandInServer.BODY_LENGTH + " bytes";
    }

    /**
     * Reactor Netty may emit a response before its connection is back in the pool, so back-to-back requests can open
     * a second connection, with or without the agent; a pool of one makes reuse certain.
     */
    @Override
    protected List<String> threeRequestsOnOnePooledConnection() {
        return options("--requests", "3", "--max-connections", "1");
    }

    @Override
    protected String failureLine() {
        return "error: SSLHandshakeException: TLS origination to edition.cnn.com:";
    }

    /** Reactor Netty tunnels through an HTTP proxy with Netty's handler, which would carry the request in plain text. */
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
