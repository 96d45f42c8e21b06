package org.tlsorigination.testapps.jdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tlsorigination.testapps.harness.CertificateAuthority;
import org.tlsorigination.testapps.harness.ChildJvm;
import org.tlsorigination.testapps.harness.SeedStage;
import org.tlsorigination.testapps.harness.StandInServer;

/**
 * When origination is configured and the handshake fails, the app gets an IOException naming the host and the
 * reason, and the request never reaches the plain port.
 */
class FailClosedTest {
    private static final String TLS_FAILED = "curl: (35) SSLHandshakeException: TLS origination to edition.cnn.com:";
    private static final String TIMED_OUT = "curl: (28) SocketTimeoutException: TLS origination to edition.cnn.com:";

    @TempDir
    Path dir;

    private final CertificateAuthority trusted = CertificateAuthority.create("trusted CA");

    @Test
    void untrustedCertificateFailsTheRequest() throws Exception {
        CertificateAuthority stranger = CertificateAuthority.create("stranger CA");
        StandInServer.Builder impostor = StandInServer.builder(stranger.issue(SeedStage.HOST).sslContext());

        try (SeedStage stage = SeedStage.start(dir, trusted, impostor, Curl.class)) {
            ChildJvm.Result result = originate(stage, "-s", stage.plainUrl("/politics"));

            assertEquals(35, result.exitCode(), result::toString);
            assertTrue(result.stderr().contains(TLS_FAILED + stage.standIn().tlsPort() + " failed: "),
                    result::toString);
            assertTrue(result.stderr().contains("PKIX path building failed"), result::toString);
            assertNothingReachedTheServer(stage.standIn());
        }
    }

    @Test
    void certificateForAnotherHostFailsTheRequest() throws Exception {
        StandInServer.Builder wrongName = StandInServer.builder(trusted.issue("wrong.example").sslContext());

        try (SeedStage stage = SeedStage.start(dir, trusted, wrongName, Curl.class)) {
            ChildJvm.Result result = originate(stage, "-s", stage.plainUrl("/politics"));

            assertEquals(35, result.exitCode(), result::toString);
            assertTrue(result.stderr().contains(TLS_FAILED + stage.standIn().tlsPort()), result::toString);
            assertTrue(result.stderr().contains("No subject alternative DNS name matching edition.cnn.com"),
                    result::toString);
            assertNothingReachedTheServer(stage.standIn());
        }
    }

    /** A forward proxy would receive the whole request in plain text, so the agent refuses the connection. */
    @Test
    void requestThroughAnHttpProxyIsRefused() throws Exception {
        try (SeedStage stage = SeedStage.start(dir, Curl.class)) {
            ChildJvm.Result result = stage.withAgent(stage.rules("edition-cnn-com.yaml"), "-s", stage.plainUrl("/politics"))
                    .systemProperty("http.proxyHost", "127.0.0.1")
                    .systemProperty("http.proxyPort", String.valueOf(stage.standIn().plainPort()))
                    .run();

            assertEquals(7, result.exitCode(), result::toString);
            assertTrue(result.stderr().contains("ConnectException: TLS origination for edition.cnn.com:"
                    + stage.standIn().plainPort() + " cannot pass through the proxy 127.0.0.1:"), result::toString);
            assertNothingReachedTheServer(stage.standIn());
        }
    }

    /** The agent's own bound is far longer than the test's wait, so only the app's timeout can end it. */
    @Test
    void appReadTimeoutBoundsTheHandshake() throws Exception {
        assertSilentServerTimesOut("300000", "-m", "1");
    }

    @Test
    void appConnectTimeoutBoundsTheHandshakeWhenThereIsNoReadTimeout() throws Exception {
        assertSilentServerTimesOut("300000", "--connect-timeout", "1");
    }

    @Test
    void agentBoundsTheHandshakeWhenTheAppSetNoTimeout() throws Exception {
        assertSilentServerTimesOut("1000");
    }

    private void assertSilentServerTimesOut(String agentHandshakeTimeout, String... curlTimeouts) throws Exception {
        StandInServer.Builder silent = StandInServer.builder(trusted.issue(SeedStage.HOST).sslContext()).silentTls();

        try (SeedStage stage = SeedStage.start(dir, trusted, silent, Curl.class)) {
            String[] args = Arrays.copyOf(curlTimeouts, curlTimeouts.length + 1);
            args[curlTimeouts.length] = stage.plainUrl("/politics");
            ChildJvm.Result result = stage.withAgent(stage.rules("edition-cnn-com.yaml"), args)
                    .systemProperty("tlsorigination.handshakeTimeout", agentHandshakeTimeout)
                    .run();

            assertEquals(28, result.exitCode(), result::toString);
            assertTrue(result.stderr().contains(TIMED_OUT + stage.standIn().tlsPort()
                    + " failed: the handshake timed out after 1000 ms"), result::toString);
            assertEquals(1, stage.standIn().tlsConnections(), stage.standIn()::summary);
            assertNothingReachedTheServer(stage.standIn());
        }
    }

    private static ChildJvm.Result originate(SeedStage stage, String... curlArgs) throws Exception {
        return stage.withAgent(stage.rules("edition-cnn-com.yaml"), curlArgs).run();
    }

    private static void assertNothingReachedTheServer(StandInServer standIn) {
        assertEquals(0, standIn.plainConnections(), standIn::summary);
        assertEquals(0, standIn.requests().size(), standIn::summary);
    }
}
