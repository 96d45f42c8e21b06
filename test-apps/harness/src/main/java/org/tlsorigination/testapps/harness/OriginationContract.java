package org.tlsorigination.testapps.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What every client family must show, on each cell of its matrix: plain http to edition.cnn.com arrives over TLS with
 * its SNI, path and Host header, three requests on one handshake; a host no rule names goes out exactly as without
 * the agent; the app's own https is never wrapped again; an untrusted or silent server fails the request, naming the
 * host, before any request leaves; a request through an HTTP proxy is refused or tunnelled, as documented; and the
 * {@link FailClosedContract}'s matrix. A subclass names its app with {@link AppUnderTest} (the app exits non-zero
 * with an error line on a failure) and says how that app reports.
 */
public abstract class OriginationContract extends FailClosedContract {
    private static final String UNRULED_HOST = "www.example.com";
    private static final String ORIGINATION_TO = "TLS origination to " + SeedStage.HOST + ":";

    /** The failures the contract provokes. */
    protected enum Failure { UNTRUSTED_CERTIFICATE, HANDSHAKE_TIMEOUT, PROXY_REFUSED }

    /** What becomes of a request the app sends through an HTTP proxy, as the README documents it per client. */
    protected enum ProxiedRequests {
        /** Refused before any connection, naming the host and the proxy: the proxy would see plain text. */
        REFUSED,
        /** Sent through a CONNECT tunnel to the TLS port, so the proxy sees only the host and the port. */
        TUNNELLED,
        /** Not checked by the agent, or not by this app: the contract leaves them out. */
        UNCHECKED
    }

    private final CertificateAuthority trusted = CertificateAuthority.create("trusted CA");

    /** The line the app prints for the stand-in's page, fetched from {@code url}: its {@link AppUnderTest#pageLine}. */
    protected String pageLine(String url) {
        return appUnderTest().pageLine();
    }

    /** The arguments that make the app send three requests to {@code url} on one pooled connection. */
    protected List<String> threeRequestsOnOnePooledConnection(String url) {
        return List.of("--requests", "3", url);
    }

    /** What the app prints before the failure's message. */
    protected String errorPrefix(Failure failure) {
        return failure == Failure.PROXY_REFUSED ? "error: ConnectException: " : "error: SSLHandshakeException: ";
    }

    /** The app's exit status after the failure. */
    protected int exitCode(Failure failure) {
        return 1;
    }

    /** The message of a handshake that outlived the one-second set-up timeout: the agent's, naming host and port. */
    protected String timeoutMessage(int tlsPort) {
        return ORIGINATION_TO + tlsPort + " failed: the handshake timed out after 1000 ms";
    }

    /** Checks a failed origination's output beyond its error line; nothing more by default. */
    protected void assertFailureExplained(ChildJvm.Result result) {
    }

    /** The app takes {@code --proxy HOST:PORT}, unless this says the contract leaves proxies out. */
    protected ProxiedRequests proxiedRequests() {
        return ProxiedRequests.REFUSED;
    }

    @Test
    void pooledRequestsToEditionCnnComArriveOverTlsOnOneHandshake() throws Exception {
        try (SeedStage stage = SeedStage.start(dir, app())) {
            String url = stage.plainUrl("/politics");

            ChildJvm.Result result = originate(stage, threeRequestsOnOnePooledConnection(url));

            assertEquals(0, result.exitCode(), result::toString);
            assertEquals(List.of(pageLine(url), pageLine(url), pageLine(url)),
                    result.stdout().lines().collect(Collectors.toList()), result::toString);
            StandInServer standIn = stage.standIn();
            assertEquals("TLS (SNI edition.cnn.com) GET /politics, then TLS (SNI edition.cnn.com) GET /politics, then "
                    + "TLS (SNI edition.cnn.com) GET /politics; plain port untouched", standIn.summary());
            assertEquals(1, standIn.tlsConnections(), standIn::summary);
            assertEquals(1, standIn.tlsHandshakes(), standIn::summary);
            assertEquals(0, standIn.plainBytesReceived(), standIn::summary);
            for (StandInRequest request : standIn.requests()) {
                assertEquals(SeedStage.HOST + ":" + standIn.plainPort(), request.host(), standIn::summary);
            }
            assertFalse(result.stderr().contains("[tls-origination] warning"), result::toString);
        }
    }

    /**
     * "Behaves exactly as without the agent": the same app run without it, at the same time on a stage of its own, is
     * the measure.
     */
    @Test
    void unruledHostGoesOutAsWithoutTheAgent() throws Exception {
        try (SeedStage bare = SeedStage.start(dir.resolve("without-agent"), app(), UNRULED_HOST);
             SeedStage stage = SeedStage.start(dir.resolve("with-agent"), app(), UNRULED_HOST)) {
            ChildJvm.Running withoutAgent = configured(client.withoutAgent(bare, unruledRequest(bare))).start();
            ChildJvm.Running withAgent = configured(client.originate(stage, unruledRequest(stage))).start();
            ChildJvm.Result baseline = withoutAgent.await();
            ChildJvm.Result result = withAgent.await();

            assertEquals(0, result.exitCode(), result::toString);
            StandInServer standIn = stage.standIn();
            assertEquals(StandInServer.Listener.PLAIN, standIn.connections().get(0).listener(), standIn::summary);
            assertEquals(1, standIn.plainConnections(), standIn::summary);
            assertEquals("plain GET /politics", standIn.requests().get(0).toString(), standIn::summary);
            assertEquals(UNRULED_HOST + ":" + standIn.plainPort(), standIn.requests().get(0).host(), standIn::summary);
            assertFalse(result.stderr().contains("[tls-origination] warning"), result::toString);
            assertEquals(observed(baseline, bare), observed(result, stage), result::toString);
        }
    }

    /** The rules originate TLS on the TLS port too (the seed's port 443), so a second wrap would break this. */
    @Test
    void httpsRequestKeepsTheAppsOwnTls() throws Exception {
        try (SeedStage stage = SeedStage.start(dir, app())) {
            String url = stage.tlsUrl("/politics");

            ChildJvm.Result result = originate(stage, List.of(url));

            assertEquals(0, result.exitCode(), result::toString);
            assertEquals(pageLine(url), result.stdout().trim(), result::toString);
            assertEquals(1, stage.standIn().tlsHandshakes(), stage.standIn()::summary);
            assertEquals("TLS (SNI edition.cnn.com) GET /politics; plain port untouched", stage.standIn().summary());
        }
    }

    @Test
    void untrustedCertificateFailsTheRequest() throws Exception {
        CertificateAuthority stranger = CertificateAuthority.create("stranger CA");
        StandInServer.Builder impostor = StandInServer.builder(stranger.issue(SeedStage.HOST).sslContext());

        try (SeedStage stage = SeedStage.start(dir, trusted, impostor, app())) {
            ChildJvm.Result result = originate(stage, List.of(stage.plainUrl("/politics")));

            assertFailed(result, Failure.UNTRUSTED_CERTIFICATE,
                    ORIGINATION_TO + stage.standIn().tlsPort() + " failed: ", stage);
            assertTrue(result.stderr().contains("PKIX path building failed"), result::toString);
        }
    }

    /** The agent's own bound is far longer than the child may run, so only the app's timeout can end the wait. */
    @Test
    void silentServerFailsTheRequestOnceTheSetUpTimeoutPasses() throws Exception {
        try (SeedStage stage = SeedStage.startSilent(dir, app())) {
            List<String> args = new ArrayList<>(oneSecondSetUpTimeout());
            args.add(stage.plainUrl("/politics"));

            ChildJvm.Result result = configured(client.originate(stage, withAppOptions(args)))
                    .systemProperty("tlsorigination.handshakeTimeout", "300000")
                    .timeout(Duration.ofSeconds(30))
                    .run();

            assertFailed(result, Failure.HANDSHAKE_TIMEOUT, timeoutMessage(stage.standIn().tlsPort()), stage);
            assertEquals(1, stage.standIn().tlsConnections(), stage.standIn()::summary);
        }
    }

    @Test
    void requestThroughAnHttpProxyIsHandledAsDocumented() throws Exception {
        assumeTrue(proxiedRequests() != ProxiedRequests.UNCHECKED, "the contract leaves this client's proxies out");
        try (SeedStage stage = SeedStage.start(dir, app()); TunnelingProxy proxy = new TunnelingProxy()) {
            String url = stage.plainUrl("/politics");

            ChildJvm.Result result = originate(stage, List.of("--proxy", "127.0.0.1:" + proxy.port(), url));

            StandInServer standIn = stage.standIn();
            if (proxiedRequests() == ProxiedRequests.TUNNELLED) {
                assertEquals(0, result.exitCode(), result::toString);
                assertEquals(pageLine(url), result.stdout().trim(), result::toString);
                assertEquals(List.of("CONNECT " + SeedStage.HOST + ":" + standIn.tlsPort() + " HTTP/1.1"),
                        proxy.requestLines());
                assertEquals("TLS (SNI edition.cnn.com) GET /politics; plain port untouched", standIn.summary());
            } else {
                assertEquals(exitCode(Failure.PROXY_REFUSED), result.exitCode(), result::toString);
                assertTrue(result.stderr().contains(errorPrefix(Failure.PROXY_REFUSED) + "TLS origination for "
                        + SeedStage.HOST + ":" + standIn.plainPort() + " cannot pass through the proxy 127.0.0.1:"
                        + proxy.port()), result::toString);
                assertEquals(List.of(), proxy.requestLines(), proxy::toString);
                assertEquals(0, standIn.connections().size(), standIn::summary);
            }
        }
    }

    private void assertFailed(ChildJvm.Result result, Failure failure, String message, SeedStage stage) {
        assertEquals(exitCode(failure), result.exitCode(), result::toString);
        assertTrue(result.stderr().contains(errorPrefix(failure) + message), result::toString);
        assertFailureExplained(result);
        assertEquals(0, stage.standIn().plainConnections(), stage.standIn()::summary);
        assertEquals(0, stage.standIn().nonTlsBytesReceived(), stage.standIn()::summary);
        assertEquals(0, stage.standIn().requests().size(), stage.standIn()::summary);
    }

    private ChildJvm.Result originate(SeedStage stage, List<String> args) throws Exception {
        return configured(client.originate(stage, withAppOptions(args))).run();
    }

    private String[] unruledRequest(SeedStage stage) {
        return withAppOptions(List.of("http://" + UNRULED_HOST + ":" + stage.standIn().plainPort() + "/politics"));
    }

    /** What the app printed and the stand-in saw, with the stage's ports as names, so that two stages compare. */
    private static String observed(ChildJvm.Result result, SeedStage stage) {
        StandInServer standIn = stage.standIn();
        String observed = "exit " + result.exitCode() + "\n" + result.stdout()
                + "--- the stand-in saw: " + standIn.summary() + "; " + standIn.plainConnections() + " plain and "
                + standIn.tlsConnections() + " TLS connections, " + standIn.tlsHandshakes() + " handshakes\n"
                + standIn.requests().stream().map(StandInRequest::head).collect(Collectors.joining("\n"));
        return observed.replaceAll(":" + standIn.plainPort() + "\\b", ":<plain port>")
                .replaceAll(":" + standIn.tlsPort() + "\\b", ":<TLS port>");
    }
}
