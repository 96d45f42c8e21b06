package org.tlsorigination.testapps.apache5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tlsorigination.testapps.harness.CertificateAuthority;
import org.tlsorigination.testapps.harness.ChildJvm;
import org.tlsorigination.testapps.harness.SeedStage;
import org.tlsorigination.testapps.harness.StandInServer;

/**
 * When origination is configured and the handshake fails, the app's request fails with an IOException naming the
 * host and the reason, bounded by the app's own timeouts, and the request never reaches the plain port.
 */
class FailClosedTest {
    /** Far longer than the child JVM may run, so only the app's timeouts can end a silent handshake. */
    private static final String AGENT_HANDSHAKE_TIMEOUT = "300000";

    @TempDir
    Path dir;

    private final CertificateAuthority trusted = CertificateAuthority.create("trusted CA");

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("org.tlsorigination.testapps.apache5.ClaimedVersions#shapesAndVersions")
    void untrustedCertificateFailsTheRequest(String shape, String version) throws Exception {
        CertificateAuthority stranger = CertificateAuthority.create("stranger");
        StandInServer.Builder impostor = StandInServer.builder(stranger.issue(SeedStage.HOST).sslContext());

        try (SeedStage stage = SeedStage.start(dir, trusted, impostor, Fetch.class)) {
            ChildJvm.Result result = ClaimedVersions.fetch(stage, version, shape, stage.plainUrl("/politics")).run();

            assertEquals(1, result.exitCode(), result::toString);
            assertTrue(result.stderr().contains("error: javax.net.ssl.SSLHandshakeException: TLS origination to "
                    + "edition.cnn.com:" + stage.standIn().tlsPort() + " failed: "), result::toString);
            assertTrue(result.stderr().contains("PKIX path building failed"), result::toString);
            assertNothingReachedTheServer(stage.standIn());
        }
    }

    /** Classic: the connect timeout, and the response timeout of the request or the socket's (pooled). */
    static Stream<Arguments> classicTimeouts() {
        return ClaimedVersions.versions().stream().flatMap(version -> Stream.of(
                Arguments.of("classic-default", version, "--connect-timeout"),
                Arguments.of("classic-default", version, "--response-timeout"),
                Arguments.of("classic-pooled", version, "--connect-timeout"),
                Arguments.of("classic-pooled", version, "--response-timeout")));
    }

    @ParameterizedTest(name = "{0} on {1} with {2} 1")
    @MethodSource("classicTimeouts")
    void appTimeoutBoundsTheClassicHandshake(String shape, String version, String timeout) throws Exception {
        ChildJvm.Result result = fetchFromSilentServer(shape, version, timeout);

        assertEquals(1, result.exitCode(), result::toString);
        assertTrue(result.stderr().contains("TLS origination to edition.cnn.com:"), result::toString);
        assertTrue(result.stderr().contains(" failed: the handshake timed out after 1000 ms"), result::toString);
    }

    /** Async: the connect timeout, as for the client's own https; HttpCore's exception does not name the host. */
    static Stream<Arguments> asyncShapesAndVersions() {
        return ClaimedVersions.versions().stream().flatMap(version ->
                Stream.of("async-default", "async-custom").map(shape -> Arguments.of(shape, version)));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("asyncShapesAndVersions")
    void connectTimeoutBoundsTheAsyncHandshake(String shape, String version) throws Exception {
        ChildJvm.Result result = fetchFromSilentServer(shape, version, "--connect-timeout");

        assertEquals(1, result.exitCode(), result::toString);
        assertTrue(result.stderr().contains("error: java.net.SocketTimeoutException: 1000 MILLISECONDS"),
                result::toString);
    }

    /** The proxy would receive the request in plain text, so it is refused before a connection is made. */
    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("org.tlsorigination.testapps.apache5.ClaimedVersions#shapesAndVersions")
    void requestThroughAnHttpProxyIsRefused(String shape, String version) throws Exception {
        try (SeedStage stage = SeedStage.start(dir, Fetch.class);
             StandInServer proxy = StandInServer.builder(trusted.issue("proxy").sslContext()).start()) {
            ChildJvm.Result result = ClaimedVersions.fetch(stage, version, shape, "--proxy",
                    "127.0.0.1:" + proxy.plainPort(), stage.plainUrl("/politics")).run();

            assertEquals(1, result.exitCode(), result::toString);
            assertTrue(result.stderr().contains("error: java.net.ConnectException: TLS origination for "
                    + "edition.cnn.com:" + stage.standIn().plainPort() + " cannot pass through the proxy "
                    + "127.0.0.1:" + proxy.plainPort()), result::toString);
            assertEquals(0, proxy.connections().size(), proxy::summary);
            assertNothingReachedTheServer(stage.standIn());
        }
    }

    private ChildJvm.Result fetchFromSilentServer(String shape, String version, String timeoutOption)
            throws Exception {
        StandInServer.Builder silent = StandInServer.builder(trusted.issue(SeedStage.HOST).sslContext()).silentTls();
        try (SeedStage stage = SeedStage.start(dir, trusted, silent, Fetch.class)) {
            ChildJvm.Result result = ClaimedVersions.fetch(stage, version, shape, timeoutOption, "1",
                            stage.plainUrl("/politics"))
                    .systemProperty("tlsorigination.handshakeTimeout", AGENT_HANDSHAKE_TIMEOUT)
                    .timeout(Duration.ofSeconds(30))
                    .run();
            assertEquals(1, stage.standIn().tlsConnections(), stage.standIn()::summary);
            assertNothingReachedTheServer(stage.standIn());
            return result;
        }
    }

    private static void assertNothingReachedTheServer(StandInServer standIn) {
        assertEquals(0, standIn.plainConnections(), standIn::summary);
        assertEquals(List.of(), standIn.requests(), standIn::summary);
    }
}
