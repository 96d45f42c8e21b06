package org.tlsorigination.testapps.apache4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tlsorigination.testapps.harness.CertificateAuthority;
import org.tlsorigination.testapps.harness.ChildJvm;
import org.tlsorigination.testapps.harness.SeedStage;
import org.tlsorigination.testapps.harness.StandInServer;

/**
 * A failed handshake reaches the app as an IOException from execute (a failed future for async) naming the host and
 * the reason, and the request never reaches the plain port; the app's timeouts bound the handshake.
 */
class FailClosedTest {
    private static final String ORIGINATION_TO = "TLS origination to edition.cnn.com:";

    @TempDir
    Path dir;

    private final CertificateAuthority trusted = CertificateAuthority.create("trusted CA");

    @ParameterizedTest
    @MethodSource("org.tlsorigination.testapps.apache4.Client#every")
    void untrustedCertificateFailsTheRequest(Client client) throws Exception {
        CertificateAuthority stranger = CertificateAuthority.create("stranger CA");
        StandInServer.Builder impostor = StandInServer.builder(stranger.issue(SeedStage.HOST).sslContext());

        try (SeedStage stage = SeedStage.start(dir, trusted, impostor, Fetch.class)) {
            ChildJvm.Result result = client.fetchWithAgent(stage, stage.rules("edition-cnn-com.yaml"),
                    stage.plainUrl("/politics")).run();

            assertEquals(1, result.exitCode(), result::toString);
            assertTrue(result.stderr().contains("error: SSLHandshakeException: " + ORIGINATION_TO
                    + stage.standIn().tlsPort() + " failed: "), result::toString);
            assertTrue(result.stderr().contains("PKIX path building failed"), result::toString);
            assertNothingReachedTheServer(stage.standIn());
        }
    }

    /** The agent's own bound is far longer than the test's wait, so only the app's timeout can end it. */
    @ParameterizedTest
    @MethodSource("org.tlsorigination.testapps.apache4.Client#blocking")
    void appConnectTimeoutBoundsTheHandshake(Client client) throws Exception {
        assertSilentServerTimesOut(client, "300000", "--connect-timeout", "1000");
    }

    /** pooled sets it on the pool's SocketConfig, legacy in HttpParams, the others on the request. */
    @ParameterizedTest
    @MethodSource("org.tlsorigination.testapps.apache4.Client#every")
    void appSocketTimeoutBoundsTheHandshake(Client client) throws Exception {
        assertSilentServerTimesOut(client, "300000", "--socket-timeout", "1000");
    }

    @ParameterizedTest
    @MethodSource("org.tlsorigination.testapps.apache4.Client#blocking")
    void agentBoundsTheHandshakeWhenTheAppSetNoTimeout(Client client) throws Exception {
        assertSilentServerTimesOut(client, "1000");
    }

    /** The proxy would receive the request in plain text, so it is refused before a connection is made. */
    @ParameterizedTest
    @MethodSource("org.tlsorigination.testapps.apache4.Client#proxied")
    void requestThroughAnHttpProxyIsRefused(Client client) throws Exception {
        try (SeedStage stage = SeedStage.start(dir, Fetch.class);
             StandInServer proxy = StandInServer.builder(trusted.issue("proxy").sslContext()).start()) {
            ChildJvm.Result result = client.fetchWithAgent(stage, stage.rules("edition-cnn-com.yaml"),
                    "--proxy", "127.0.0.1:" + proxy.plainPort(), stage.plainUrl("/politics")).run();

            assertEquals(1, result.exitCode(), result::toString);
            assertTrue(result.stderr().contains("error: ConnectException: TLS origination for edition.cnn.com:"
                    + stage.standIn().plainPort() + " cannot pass through the proxy 127.0.0.1:"
                    + proxy.plainPort()), result::toString);
            assertEquals(0, proxy.connections().size(), proxy::summary);
            assertNothingReachedTheServer(stage.standIn());
        }
    }

    private void assertSilentServerTimesOut(Client client, String agentHandshakeTimeout, String... fetchOptions)
            throws Exception {
        StandInServer.Builder silent = StandInServer.builder(trusted.issue(SeedStage.HOST).sslContext()).silentTls();

        try (SeedStage stage = SeedStage.start(dir, trusted, silent, Fetch.class)) {
            String[] args = Arrays.copyOf(fetchOptions, fetchOptions.length + 1);
            args[fetchOptions.length] = stage.plainUrl("/politics");
            ChildJvm.Result result = client.fetchWithAgent(stage, stage.rules("edition-cnn-com.yaml"), args)
                    .systemProperty("tlsorigination.handshakeTimeout", agentHandshakeTimeout)
                    .run();

            assertEquals(1, result.exitCode(), result::toString);
            // HttpAsyncClient's own idle timeout ends the handshake, with its own message.
            String expected = client.isAsync() ? "error: SocketTimeoutException"
                    : ORIGINATION_TO + stage.standIn().tlsPort() + " failed: the handshake timed out after 1000 ms";
            assertTrue(result.stderr().contains(expected), result::toString);
            assertEquals(1, stage.standIn().tlsConnections(), stage.standIn()::summary);
            assertNothingReachedTheServer(stage.standIn());
        }
    }

    private static void assertNothingReachedTheServer(StandInServer standIn) {
        assertEquals(0, standIn.plainConnections(), standIn::summary);
        assertEquals(0, standIn.requests().size(), standIn::summary);
    }
}
