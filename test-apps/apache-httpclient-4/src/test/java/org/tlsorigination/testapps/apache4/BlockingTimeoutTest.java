package org.tlsorigination.testapps.apache4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tlsorigination.testapps.harness.ChildJvm;
import org.tlsorigination.testapps.harness.ClientShapes;
import org.tlsorigination.testapps.harness.FamilyMatrixTest;
import org.tlsorigination.testapps.harness.SeedStage;

/**
 * A blocking client's handshake ends at its socket timeout too (pooled sets it on the pool's SocketConfig, legacy in
 * HttpParams, the others on the request), or at the agent's own bound when the app set none; the contract checks the
 * connect timeout. A tunnel's CONNECT is bounded the same way.
 */
@ClientShapes(value = {"default", "pooled", "fluent", "legacy"}, library = "httpclient")
class BlockingTimeoutTest extends FamilyMatrixTest {

    /** The agent's own bound is far longer than the test's wait, so only the app's timeout can end it. */
    @Test
    void appSocketTimeoutBoundsTheHandshake() throws Exception {
        assertSilentServerTimesOut("300000", "--socket-timeout", "1000");
    }

    @Test
    void agentBoundsTheHandshakeWhenTheAppSetNoTimeout() throws Exception {
        assertSilentServerTimesOut("1000");
    }

    /**
     * A proxy whose connections complete (in its backlog, for every retry of the client's) but that never answers the
     * tunnel's CONNECT fails the request at that bound.
     */
    @Test
    void agentBoundsTheTunnelWhenTheProxyNeverAnswers() throws Exception {
        assumeTrue(client.shape().equals("default") || client.shape().equals("legacy"), "this shape takes no proxy");
        try (SeedStage stage = SeedStage.start(dir, Fetch.class);
             ServerSocket silentProxy = new ServerSocket(0, 16, InetAddress.getLoopbackAddress())) {
            long started = System.nanoTime();
            ChildJvm.Result result = client.originate(stage, "--proxy", "127.0.0.1:" + silentProxy.getLocalPort(),
                            stage.plainUrl("/politics"))
                    .systemProperty("tlsorigination.handshakeTimeout", "1000")
                    .run();
            long tookMillis = (System.nanoTime() - started) / 1_000_000;

            assertEquals(1, result.exitCode(), result::toString);
            assertTrue(result.stderr().contains("TLS origination to edition.cnn.com:" + stage.standIn().tlsPort()
                    + " through the proxy 127.0.0.1:" + silentProxy.getLocalPort() + " failed: "), result::toString);
            assertTrue(tookMillis < 15_000, () -> "took " + tookMillis + " ms: " + result);
            assertEquals(0, stage.standIn().connections().size(), stage.standIn()::summary);
        }
    }

    private void assertSilentServerTimesOut(String agentHandshakeTimeout, String... fetchOptions) throws Exception {
        try (SeedStage stage = SeedStage.startSilent(dir, Fetch.class)) {
            List<String> args = new ArrayList<>(List.of(fetchOptions));
            args.add(stage.plainUrl("/politics"));
            ChildJvm.Result result = client.originate(stage, args.toArray(new String[0]))
                    .systemProperty("tlsorigination.handshakeTimeout", agentHandshakeTimeout)
                    .run();

            assertEquals(1, result.exitCode(), result::toString);
            assertTrue(result.stderr().contains("TLS origination to edition.cnn.com:" + stage.standIn().tlsPort()
                    + " failed: the handshake timed out after 1000 ms"), result::toString);
            assertEquals(1, stage.standIn().tlsConnections(), stage.standIn()::summary);
            assertEquals(0, stage.standIn().plainConnections(), stage.standIn()::summary);
            assertEquals(0, stage.standIn().requests().size(), stage.standIn()::summary);
        }
    }
}
