package org.tlsorigination.testapps.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tlsorigination.testapps.harness.SquidProxy.Door;

/**
 * What every client family that takes an HTTP proxy must show, through a real one (squid): an originated request goes
 * to the app's proxy as {@code CONNECT edition.cnn.com:<TLS port>}, with the app's own credentials where the proxy
 * asks, TLS runs inside the tunnel to the server, and the request inside is in origin form; no byte of it crosses the
 * proxy's port in plain text; a refused tunnel fails the request, naming the proxy, its status and the host; a host
 * no rule names, and a host the app keeps off its proxy, go exactly as without the agent. One squid serves a whole
 * test class, through the doors its cases need. A client that takes a SOCKS proxy goes through it to the TLS port.
 */
public abstract class ThroughTheProxyContract extends FamilyMatrixTest {
    private static final String UNRULED_HOST = "www.example.com";
    private static final String TUNNEL_TO = "CONNECT " + SeedStage.HOST + ":";

    private static Path squidDirectory;
    protected static SquidProxy squid;

    @BeforeAll
    static void startSquid() throws Exception {
        squidDirectory = Files.createTempDirectory("tls-origination-proxy-contract");
        squid = SquidProxy.start(HostsFile.write(squidDirectory.resolve("hosts"), SeedStage.HOST, UNRULED_HOST));
    }

    @AfterAll
    static void stopSquid() throws Exception {
        squid.close();
        Files.deleteIfExists(squidDirectory.resolve("hosts"));
        Files.deleteIfExists(squidDirectory);
    }

    /** The app, sending its requests through the HTTP proxy on {@code port}: by default, the JVM's proxy settings. */
    protected ChildJvm throughProxy(ChildJvm app, int port) {
        return app.systemProperty("http.proxyHost", "127.0.0.1").systemProperty("http.proxyPort", String.valueOf(port));
    }

    /** The app, sending its requests through the SOCKS proxy on {@code port}; null for a client that takes none. */
    protected ChildJvm throughSocksProxy(ChildJvm app, int port) {
        return null;
    }

    /** The app, with the JVM's SOCKS proxy settings, which its default proxy selector reads for every socket. */
    protected static ChildJvm throughTheJvmsSocksProxy(ChildJvm app, int port) {
        return app.systemProperty("socksProxyHost", "127.0.0.1").systemProperty("socksProxyPort", String.valueOf(port));
    }

    /** The app, giving its client its credentials for its proxy. */
    protected ChildJvm withProxyLogin(ChildJvm app, String user, String password) {
        return app.args("--proxy-user", user + ":" + password);
    }

    /** The app, keeping its requests to {@code host} off its proxy: by default, the JVM's non-proxy hosts. */
    protected ChildJvm bypassingProxyFor(ChildJvm app, String host) {
        return app.systemProperty("http.nonProxyHosts", host);
    }

    /** Options the app is given before every run's own; none by default. */
    protected List<String> appOptions() {
        return List.of();
    }

    /** The arguments that make the app send five requests to {@code url}, one after the other. */
    protected String[] fiveRequests(String url) {
        return new String[] {"--requests", "5", url};
    }

    /**
     * Whether the request inside the tunnel is in origin form ({@code GET /politics}); a client that writes it in the
     * absolute form it gives a proxy says no (RFC 9112 obliges servers to accept both).
     */
    protected boolean originFormInTunnel() {
        return true;
    }

    /**
     * Whether the client keeps the tunnel in its pool, as it keeps its own https-through-proxy connections, so that
     * five requests one after the other share one; a client tunnelled at the socket opens one per request.
     */
    protected boolean reusesItsTunnel() {
        return false;
    }

    /** Whether the client has a way to keep some hosts off its proxy. */
    protected boolean keepsHostsOffItsProxy() {
        return true;
    }

    /** The line the app prints for the stand-in's page, fetched from {@code url}: its {@link AppUnderTest#pageLine}. */
    protected String pageLine(String url) {
        return appUnderTest().pageLine();
    }

    @Test
    void originatedRequestsTunnelThroughTheProxyToTheTlsPort() throws Exception {
        try (SeedStage stage = SeedStage.start(dir, app())) {
            String url = stage.plainUrl("/politics");
            int before = squid.bytesReceived(Door.OPEN).size();
            int logged = squid.accessLog(Door.OPEN, 0).size();

            ChildJvm.Result result = throughProxy(originate(stage, fiveRequests(url)), squid.port(Door.OPEN))
                    .run();

            StandInServer standIn = assertFiveRequestsOverTls(result, stage, url);
            List<String> sent = squid.bytesReceived(Door.OPEN).subList(before, squid.bytesReceived(Door.OPEN).size());
            assertOnlyTunnelsTo(standIn.tlsPort(), sent);
            List<String> tunnels = newLines(Door.OPEN, logged);
            assertFalse(tunnels.isEmpty(), "squid logged no tunnel");
            if (reusesItsTunnel()) {
                assertEquals(1, sent.size(), sent::toString);
                assertEquals(1, standIn.tlsConnections(), standIn::summary);
            }
            for (String line : tunnels) {
                assertEquals(TUNNEL_TO + standIn.tlsPort() + " 200", line);
            }
        }
    }

    /** SOCKS carries bytes, not requests: the proxy sees the host and the TLS port, then only TLS. */
    @Test
    void originatedRequestsThroughASocksProxyGoThroughItToTheTlsPort() throws Exception {
        try (SeedStage stage = SeedStage.start(dir, app()); SocksProxy socks = SocksProxy.start(SeedStage.HOST)) {
            String url = stage.plainUrl("/politics");
            ChildJvm app = throughSocksProxy(originate(stage, fiveRequests(url)), socks.port());
            assumeTrue(app != null, "this client takes no SOCKS proxy");

            StandInServer standIn = assertFiveRequestsOverTls(app.run(), stage, url);
            socks.assertOnlyTlsTunnelledTo(standIn.tlsPort(), standIn.tlsConnections());
        }
    }

    @Test
    void aProxyAskingForCredentialsGetsTheAppsOwn() throws Exception {
        try (SeedStage stage = SeedStage.start(dir, app())) {
            int before = squid.bytesReceived(Door.LOGIN).size();
            int logged = squid.accessLog(Door.LOGIN, 0).size();
            ChildJvm app = throughProxy(originate(stage, stage.plainUrl("/politics")), squid.port(Door.LOGIN));

            ChildJvm.Result result = withProxyLogin(app, SquidProxy.USER, SquidProxy.PASSWORD).run();

            assertEquals(0, result.exitCode(), result::toString);
            assertEquals(pageLine(stage.plainUrl("/politics")), result.stdout().trim(), result::toString);
            assertEquals(1, stage.standIn().requests().size(), stage.standIn()::summary);
            String head = stage.standIn().requests().get(0).head();
            assertFalse(head.toLowerCase(Locale.ROOT).contains("proxy-authorization"), head);
            String tunnelled = TUNNEL_TO + stage.standIn().tlsPort() + " 200";
            List<String> lines = squid.accessLogOnce(Door.LOGIN, all -> all.subList(logged, all.size())
                    .contains(tunnelled));
            assertTrue(lines.subList(logged, lines.size()).contains(tunnelled), lines::toString);
            assertOnlyTunnelsTo(stage.standIn().tlsPort(), squid.bytesReceived(Door.LOGIN).subList(before,
                    squid.bytesReceived(Door.LOGIN).size()));
        }
    }

    @Test
    void aRefusedTunnelFailsTheRequestNamingTheProxyItsStatusAndTheHost() throws Exception {
        try (SeedStage stage = SeedStage.start(dir, app())) {
            int before = squid.bytesReceived(Door.REFUSING_TUNNELS).size();
            int proxyPort = squid.port(Door.REFUSING_TUNNELS);

            ChildJvm app = originate(stage, stage.plainUrl("/politics"));

            ChildJvm.Result result = throughProxy(app, proxyPort).run();

            assertNotEquals(0, result.exitCode(), result::toString);
            String failure = result.stderr().lines().filter(line -> line.contains("TLS origination to "))
                    .findFirst().orElse(result.stderr());
            assertTrue(failure.contains(SeedStage.HOST + ":" + stage.standIn().tlsPort()), result::toString);
            assertTrue(failure.contains("127.0.0.1:" + proxyPort), result::toString);
            assertTrue(failure.contains("403"), result::toString);
            assertEquals(0, stage.standIn().connections().size(), stage.standIn()::summary);
            assertOnlyTunnelsTo(stage.standIn().tlsPort(), squid.bytesReceived(Door.REFUSING_TUNNELS)
                    .subList(before, squid.bytesReceived(Door.REFUSING_TUNNELS).size()));
        }
    }

    /** "Exactly as without the agent": the same app through the same proxy without it is the measure. */
    @Test
    void anUnruledHostThroughTheProxyGoesAsWithoutTheAgent() throws Exception {
        try (SeedStage bare = SeedStage.start(dir.resolve("without-agent"), app(), UNRULED_HOST);
             SeedStage stage = SeedStage.start(dir.resolve("with-agent"), app(), UNRULED_HOST)) {
            int before = squid.bytesReceived(Door.OPEN).size();
            ChildJvm.Result baseline = throughProxy(withoutAgent(bare, unruledUrl(bare)), squid.port(Door.OPEN))
                    .run();
            List<String> baselineBytes = bare.portsAsNames(squid.bytesReceived(Door.OPEN).subList(before,
                    squid.bytesReceived(Door.OPEN).size()));
            int between = squid.bytesReceived(Door.OPEN).size();

            ChildJvm.Result result = throughProxy(originate(stage, unruledUrl(stage)), squid.port(Door.OPEN))
                    .run();

            assertEquals(baseline.exitCode(), result.exitCode(), result::toString);
            assertEquals(baselineBytes, stage.portsAsNames(squid.bytesReceived(Door.OPEN).subList(between,
                    squid.bytesReceived(Door.OPEN).size())), result::toString);
            assertFalse(result.stderr().contains("[tls-origination] warning"), result::toString);
        }
    }

    /** A host the app keeps off its proxy goes direct, and so is originated direct: the route stays the app's. */
    @Test
    void aHostTheAppKeepsOffItsProxyGoesDirect() throws Exception {
        assumeTrue(keepsHostsOffItsProxy(), "this client has no way to keep hosts off its proxy");
        try (SeedStage stage = SeedStage.start(dir, app())) {
            int before = squid.bytesReceived(Door.OPEN).size();
            ChildJvm app = throughProxy(originate(stage, stage.plainUrl("/politics")), squid.port(Door.OPEN));

            ChildJvm.Result result = bypassingProxyFor(app, SeedStage.HOST).run();

            assertEquals(0, result.exitCode(), result::toString);
            assertEquals("TLS (SNI edition.cnn.com) GET /politics; plain port untouched", stage.standIn().summary());
            assertEquals(before, squid.bytesReceived(Door.OPEN).size(), () -> squid.bytesReceived(Door.OPEN)
                    .toString());
        }
    }

    /** The app printed five pages, and the origin saw five requests, each over TLS with the SNI, never plain text. */
    private StandInServer assertFiveRequestsOverTls(ChildJvm.Result result, SeedStage stage, String url) {
        assertEquals(0, result.exitCode(), result::toString);
        assertEquals(5, result.stdout().lines().filter(pageLine(url)::equals).count(), result::toString);
        StandInServer standIn = stage.standIn();
        assertEquals(5, standIn.requests().size(), standIn::summary);
        for (StandInRequest request : standIn.requests()) {
            assertTrue(request.tls(), standIn::summary);
            assertEquals(SeedStage.HOST, request.sni(), standIn::summary);
            assertEquals(originFormInTunnel() ? "/politics" : url, request.path(), standIn::summary);
            assertEquals(SeedStage.HOST + ":" + standIn.plainPort(), request.host(), standIn::summary);
        }
        assertEquals(0, standIn.plainConnections(), standIn::summary);
        return standIn;
    }

    /** Every connection to the proxy opened a tunnel to the TLS port, and nothing else crossed it in plain text. */
    private static void assertOnlyTunnelsTo(int tlsPort, List<String> connections) {
        assertFalse(connections.isEmpty(), "the app never reached the proxy");
        for (String sent : connections) {
            assertTrue(sent.startsWith(TUNNEL_TO + tlsPort + " HTTP/1.1\r\n"), sent);
            assertFalse(sent.contains("/politics"), sent);
            assertFalse(sent.contains("GET "), sent);
        }
    }

    /** The access log lines for {@code door} after the first {@code before}, waiting for at least one. */
    private static List<String> newLines(Door door, int before) throws Exception {
        List<String> lines = squid.accessLog(door, before + 1);
        return lines.subList(Math.min(before, lines.size()), lines.size());
    }

    private ChildJvm originate(SeedStage stage, String... args) throws IOException {
        return client.originate(stage, withOptions(args));
    }

    private ChildJvm withoutAgent(SeedStage stage, String... args) throws IOException {
        return client.withoutAgent(stage, withOptions(args));
    }

    private String[] withOptions(String... args) {
        List<String> all = new ArrayList<>(appOptions());
        all.addAll(List.of(args));
        return all.toArray(new String[0]);
    }

    private static String unruledUrl(SeedStage stage) {
        return "http://" + UNRULED_HOST + ":" + stage.standIn().plainPort() + "/politics";
    }
}
