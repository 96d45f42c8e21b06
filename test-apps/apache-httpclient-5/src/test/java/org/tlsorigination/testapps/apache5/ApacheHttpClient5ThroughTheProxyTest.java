package org.tlsorigination.testapps.apache5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tlsorigination.testapps.harness.AppUnderTest;
import org.tlsorigination.testapps.harness.ChildJvm;
import org.tlsorigination.testapps.harness.ClientShapes;
import org.tlsorigination.testapps.harness.SeedStage;
import org.tlsorigination.testapps.harness.SquidProxy.Door;
import org.tlsorigination.testapps.harness.ThroughTheProxyContract;

/**
 * Apache HttpClient 5 through squid, with the proxy in its request config and the credentials in its own provider:
 * the request the classic client writes to the proxy is tunnelled at the socket; the async client opens the tunnel
 * itself, on the route the agent gives it, and keeps it in its pool.
 */
@AppUnderTest(Fetch.class)
@ClientShapes({"classic-default", "classic-pooled", "async-default"})
class ApacheHttpClient5ThroughTheProxyTest extends ThroughTheProxyContract {

    @Override
    protected String pageLine(String url) {
        return "200 OK 151654 bytes " + url;
    }

    @Override
    protected ChildJvm throughProxy(ChildJvm app, int port) {
        return app.args("--proxy", "127.0.0.1:" + port);
    }

    @Override
    protected String[] fiveRequests(String url) {
        return new String[] {url, url, url, url, url};
    }

    @Override
    protected boolean reusesItsTunnel() {
        return client.shape().startsWith("async-");
    }

    /** Its non-proxy hosts are a route planner of the app's own, which these shapes do not have. */
    @Override
    protected boolean keepsHostsOffItsProxy() {
        return false;
    }

    /**
     * An origin that never answers the handshake inside the client's tunnel fails the request naming it, as when
     * direct; the request's response timeout, which the CONNECT leaves on the connection, bounds it. (A reset there
     * reaches the client as the proxy's close of the tunnel.)
     */
    @Test
    void aHandshakeTimeoutInsideTheTunnelNamesTheHost() throws Exception {
        assumeTrue(client.shape().startsWith("async-"), "the classic client is tunnelled at the socket");
        try (SeedStage stage = SeedStage.startSilent(dir, Fetch.class)) {
            ChildJvm app = client.originate(stage, "--connect-timeout", "1", "--response-timeout", "1",
                    stage.plainUrl("/politics"));

            ChildJvm.Result result = throughProxy(app, squid.port(Door.OPEN)).run();

            assertEquals(1, result.exitCode(), result::toString);
            assertTrue(result.stderr().contains("TLS origination to " + SeedStage.HOST + ":"
                    + stage.standIn().tlsPort() + " failed: the handshake timed out after 1000 ms"), result::toString);
            assertEquals(1, stage.standIn().tlsConnections(), stage.standIn()::summary);
            assertEquals(0, stage.standIn().plainConnections(), stage.standIn()::summary);
            assertEquals(List.of(), stage.standIn().requests(), stage.standIn()::summary);
        }
    }
}
