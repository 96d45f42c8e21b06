package org.tlsorigination.testapps.jdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.tlsorigination.testapps.harness.CertificateAuthority;
import org.tlsorigination.testapps.harness.ChildJvm;
import org.tlsorigination.testapps.harness.FamilyMatrixTest;
import org.tlsorigination.testapps.harness.SeedStage;
import org.tlsorigination.testapps.harness.StandInRequest;
import org.tlsorigination.testapps.harness.StandInServer;

/**
 * What the contract leaves out of failing closed on HttpURLConnection: a certificate for another host, the proxy that
 * system properties name, and the read timeout or the agent's own bounding the handshake.
 */
class FailClosedTest extends FamilyMatrixTest {
    private static final String TLS_FAILED = "curl: (35) SSLHandshakeException: TLS origination to edition.cnn.com:";
    private static final String TIMED_OUT = "curl: (28) SocketTimeoutException: TLS origination to edition.cnn.com:";

    private final CertificateAuthority trusted = CertificateAuthority.create("trusted CA");

    @Test
    void certificateForAnotherHostFailsTheRequest() throws Exception {
        StandInServer.Builder wrongName = StandInServer.builder(trusted.issue("wrong.example").sslContext());

        try (SeedStage stage = SeedStage.start(dir, trusted, wrongName, Curl.class)) {
            ChildJvm.Result result = client.originate(stage, "-s", stage.plainUrl("/politics")).run();

            assertEquals(35, result.exitCode(), result::toString);
            assertTrue(result.stderr().contains(TLS_FAILED + stage.standIn().tlsPort()), result::toString);
            assertTrue(result.stderr().contains("No subject alternative DNS name matching edition.cnn.com"),
                    result::toString);
            assertNothingReachedTheServer(stage.standIn());
        }
    }

    /**
     * The proxy of the system properties is asked for a tunnel; one that answers anything but 2xx (here a web
     * server, with its redirect) fails the request naming proxy and answer, and the request never leaves.
     */
    @Test
    void aProxyThatDoesNotTunnelFailsTheRequestNamingItsAnswer() throws Exception {
        try (SeedStage stage = SeedStage.start(dir, Curl.class)) {
            ChildJvm.Result result = client.originate(stage, "-s", stage.plainUrl("/politics"))
                    .systemProperty("http.proxyHost", "127.0.0.1")
                    .systemProperty("http.proxyPort", String.valueOf(stage.standIn().plainPort()))
                    .run();

            assertEquals(56, result.exitCode(), result::toString);
            assertTrue(result.stderr().contains("IOException: TLS origination to edition.cnn.com:"
                    + stage.standIn().tlsPort() + " through the proxy 127.0.0.1:" + stage.standIn().plainPort()
                    + " failed: the proxy answered 301 Moved Permanently"), result::toString);
            List<String> methods = stage.standIn().requests().stream().map(StandInRequest::method)
                    .collect(Collectors.toList());
            assertTrue(!methods.isEmpty() && methods.stream().allMatch("CONNECT"::equals), stage.standIn()::summary);
            assertEquals(0, stage.standIn().tlsConnections(), stage.standIn()::summary);
        }
    }

    /** The agent's own bound is far longer than the test's wait, so only the app's timeout can end it. */
    @Test
    void appReadTimeoutBoundsTheHandshake() throws Exception {
        assertSilentServerTimesOut("300000", "-m", "1");
    }

    @Test
    void agentBoundsTheHandshakeWhenTheAppSetNoTimeout() throws Exception {
        assertSilentServerTimesOut("1000");
    }

    private void assertSilentServerTimesOut(String agentHandshakeTimeout, String... curlTimeouts) throws Exception {
        try (SeedStage stage = SeedStage.startSilent(dir, Curl.class)) {
            List<String> args = new ArrayList<>(List.of(curlTimeouts));
            args.add(stage.plainUrl("/politics"));
            ChildJvm.Result result = client.originate(stage, args.toArray(new String[0]))
                    .systemProperty("tlsorigination.handshakeTimeout", agentHandshakeTimeout)
                    .run();

            assertEquals(28, result.exitCode(), result::toString);
            assertTrue(result.stderr().contains(TIMED_OUT + stage.standIn().tlsPort()
                    + " failed: the handshake timed out after 1000 ms"), result::toString);
            assertEquals(1, stage.standIn().tlsConnections(), stage.standIn()::summary);
            assertNothingReachedTheServer(stage.standIn());
        }
    }

    private static void assertNothingReachedTheServer(StandInServer standIn) {
        assertEquals(0, standIn.plainConnections(), standIn::summary);
        assertEquals(0, standIn.nonTlsBytesReceived(), standIn::summary);
        assertEquals(0, standIn.requests().size(), standIn::summary);
    }
}
