package org.tlsorigination.testapps.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every client family must show, as tests a client's module inherits, on each cell of its matrix: the seed
 * scenario with pool reuse, the app's own TLS left alone, failed handshakes that fail the request, name the host and
 * reach no server, and requests through an HTTP proxy that are refused before the proxy sees a byte. A subclass names
 * its app (which takes URLs, prints one line per response and exits 1 with an error line) and how that app reports.
 */
public abstract class OriginationContract extends FamilyMatrixTest {

    private final CertificateAuthority trusted = CertificateAuthority.create("trusted CA");

    /** The unchanged app, started with the URLs and options the tests give it. */
    protected abstract Class<?> app();

    /** The line the app prints for the stand-in's page. */
    protected abstract String pageLine();

    /** Options that make the app send three requests on one pooled connection. */
    protected abstract List<String> threeRequestsOnOnePooledConnection();

    /** The start of the app's error line for a failed origination, up to the host and port's colon. */
    protected abstract String failureLine();

    /** The start of the app's error line for a handshake that outlived its timeout; as any failure's by default. */
    protected String timeoutLine() {
        return failureLine();
    }

    /** Checks a failed origination's output beyond its error line; nothing more by default. */
    protected void assertFailureExplained(ChildJvm.Result result) {
    }

    /**
     * Options that set the app's timeouts to {@code millis} as its users would to bound a connection's set-up: its
     * connect timeout, unless the client's own https handshake runs under another one.
     */
    protected List<String> setUpTimeout(String millis) {
        return options("--connect-timeout", millis);
    }

    /**
     * Whether the agent refuses the app's requests through an HTTP proxy, given by {@code --proxy HOST:PORT}: the
     * proxy would receive them in plain text. A client that tunnels them, or whose proxy is not covered, says no.
     */
    protected boolean refusesProxiedRequests() {
        return true;
    }

    /** Anything else the app's JVM needs, such as a framework property. */
    protected ChildJvm configured(ChildJvm app) {
        return app;
    }

    @Test
    void pooledRequestsToEditionCnnComArriveOverTlsOnOneHandshake() throws Exception {
        try (SeedStage stage = SeedStage.start(dir, app())) {
            List<String> args = new ArrayList<>(threeRequestsOnOnePooledConnection());
            args.add(stage.plainUrl("/politics"));

            ChildJvm.Result result = originate(stage, args.toArray(new String[0]));

            assertEquals(0, result.exitCode(), result::toString);
            assertEquals(3, result.stdout().lines().filter(pageLine()::equals).count(), result::toString);
            StandInServer standIn = stage.standIn();
            assertEquals("TLS (SNI edition.cnn.com) GET /politics, then TLS (SNI edition.cnn.com) GET /politics, then "
                    + "TLS (SNI edition.cnn.com) GET /politics; plain port untouched", standIn.summary());
            assertEquals(1, standIn.tlsConnections(), standIn::summary);
            assertEquals(1, standIn.tlsHandshakes(), standIn::summary);
            assertFalse(result.stderr().contains("refused a plain-text connection"), result::toString);
        }
    }

    /** The rules originate TLS on the TLS port too (the seed's port 443), so a second wrap would break this. */
    @Test
    void httpsRequestKeepsTheAppsOwnTls() throws Exception {
        try (SeedStage stage = SeedStage.start(dir, app())) {
            ChildJvm.Result result = originate(stage, stage.tlsUrl("/politics"));

            assertEquals(0, result.exitCode(), result::toString);
            assertEquals(pageLine(), result.stdout().trim(), result::toString);
            assertEquals(1, stage.standIn().tlsHandshakes(), stage.standIn()::summary);
            assertEquals("TLS (SNI edition.cnn.com) GET /politics; plain port untouched", stage.standIn().summary());
        }
    }

    @Test
    void untrustedCertificateFailsTheRequest() throws Exception {
        CertificateAuthority stranger = CertificateAuthority.create("stranger CA");
        StandInServer.Builder impostor = StandInServer.builder(stranger.issue(SeedStage.HOST).sslContext());

        try (SeedStage stage = SeedStage.start(dir, trusted, impostor, app())) {
            ChildJvm.Result result = originate(stage, stage.plainUrl("/politics"));

            assertFailed(result, failureLine() + stage.standIn().tlsPort() + " failed: ", stage);
            assertTrue(result.stderr().contains("PKIX path building failed"), result::toString);
        }
    }

    @Test
    void silentServerFailsTheRequestOnceTheConnectTimeoutPasses() throws Exception {
        StandInServer.Builder silent = StandInServer.builder(trusted.issue(SeedStage.HOST).sslContext()).silentTls();

        try (SeedStage stage = SeedStage.start(dir, trusted, silent, app())) {
            List<String> args = new ArrayList<>(setUpTimeout("1000"));
            args.add(stage.plainUrl("/politics"));

            ChildJvm.Result result = originate(stage, args.toArray(new String[0]));

            assertFailed(result,
                    timeoutLine() + stage.standIn().tlsPort() + " failed: the handshake timed out after 1000 ms", stage);
        }
    }

    @Test
    void requestThroughAnHttpProxyIsRefused() throws Exception {
        assumeTrue(refusesProxiedRequests(), "this client's proxied requests are not refused");
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

    private void assertFailed(ChildJvm.Result result, String errorLine, SeedStage stage) {
        assertEquals(1, result.exitCode(), result::toString);
        assertTrue(result.stderr().contains(errorLine), result::toString);
        assertFailureExplained(result);
        assertEquals(0, stage.standIn().plainConnections(), stage.standIn()::summary);
        assertEquals(0, stage.standIn().requests().size(), stage.standIn()::summary);
    }

    /** Runs the app with the seed rules and the agent, on this cell's version and shape. */
    protected ChildJvm.Result originate(SeedStage stage, String... args) throws Exception {
        return configured(client.originate(stage, args)).run();
    }

    /** For subclasses: a list of options. */
    protected static List<String> options(String... options) {
        return Arrays.asList(options);
    }
}
