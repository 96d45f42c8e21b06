package org.tlsorigination.testapps.jdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tlsorigination.testapps.harness.CertificateAuthority;
import org.tlsorigination.testapps.harness.ChildJvm;
import org.tlsorigination.testapps.harness.SeedStage;
import org.tlsorigination.testapps.harness.SocksProxy;
import org.tlsorigination.testapps.harness.StandInRequest;
import org.tlsorigination.testapps.harness.StandInServer;

/**
 * A client no family rewrites, on a bare {@code java.net.Socket}: the socket level originates it with the rule's TLS,
 * fails closed on a bad handshake within the app's timeout, and leaves other hosts alone; what it cannot originate,
 * a non-blocking channel, the guard refuses.
 */
class SocketLevelTest {
    private static final String UNMATCHED_HOST = "www.example.com";
    private static final Pattern FAILED_AFTER = Pattern.compile("error after (\\d+) ms: ");

    @TempDir
    Path dir;

    private SeedStage stage;

    @BeforeEach
    void start() throws Exception {
        stage = SeedStage.start(dir, RawHttpGet.class, UNMATCHED_HOST);
    }

    @AfterEach
    void stop() {
        stage.close();
    }

    @Test
    void aBareSocketToAnOriginatedHostSpeaksTlsWithTheRulesSettings() throws Exception {
        ChildJvm.Result result = get(SeedStage.HOST).run();

        assertEquals(List.of("HTTP/1.1 200 OK", "HTTP/1.1 200 OK"), result.stdout().lines().collect(Collectors.toList()),
                result::toString);
        StandInServer standIn = stage.standIn();
        assertEquals(2, standIn.requests().size(), standIn::summary);
        for (StandInRequest request : standIn.requests()) {
            assertTrue(request.tls(), standIn::summary);
            assertEquals(SeedStage.HOST, request.sni(), standIn::summary);
            assertEquals("/politics", request.path(), standIn::summary);
        }
        assertEquals(0, standIn.plainConnections(), standIn::summary);
    }

    @Test
    void anUntrustedServerFailsTheConnectNamingTheHostAndNothingIsSent() throws Exception {
        CertificateAuthority stranger = CertificateAuthority.create("stranger CA");
        try (SeedStage untrusted = SeedStage.start(dir.resolve("untrusted"), CertificateAuthority.create("stage CA"),
                StandInServer.builder(stranger.issue(SeedStage.HOST).sslContext()), RawHttpGet.class)) {
            ChildJvm.Result result = untrusted.withAgent(untrusted.rules("edition-cnn-com.yaml"), SeedStage.HOST,
                    String.valueOf(untrusted.standIn().plainPort())).run();

            assertEquals(2, Occurrences.of("TLS origination to " + SeedStage.HOST + ":"
                    + untrusted.standIn().tlsPort() + " failed: ", result.stderr()), result::toString);
            assertTrue(result.stderr().contains("SSLHandshakeException"), result::toString);
            assertEquals(0, untrusted.standIn().requests().size(), untrusted.standIn()::summary);
            assertEquals(0, untrusted.standIn().plainConnections(), untrusted.standIn()::summary);
        }
    }

    @Test
    void aSilentServerFailsTheConnectWithinTheAppsConnectTimeout() throws Exception {
        try (SeedStage silent = SeedStage.startSilent(dir.resolve("silent"), RawHttpGet.class)) {
            ChildJvm.Result result = silent.withAgent(silent.rules("edition-cnn-com.yaml"), "--connect-timeout",
                    "1000", SeedStage.HOST, String.valueOf(silent.standIn().plainPort())).run();

            Matcher failure = FAILED_AFTER.matcher(result.stderr());
            assertTrue(failure.find(), result::toString);
            assertTrue(Integer.parseInt(failure.group(1)) < 5_000, result::toString);
            assertTrue(result.stderr().contains("TLS origination to " + SeedStage.HOST + ":"
                    + silent.standIn().tlsPort() + " failed: "), result::toString);
            assertEquals(0, silent.standIn().plainConnections(), silent.standIn()::summary);
        }
    }

    @Test
    void aBareSocketThroughTheJvmsSocksProxyIsOriginatedThroughIt() throws Exception {
        try (SocksProxy socks = SocksProxy.start(SeedStage.HOST)) {
            ChildJvm.Result result = get(SeedStage.HOST).systemProperty("socksProxyHost", "127.0.0.1")
                    .systemProperty("socksProxyPort", String.valueOf(socks.port())).run();

            assertEquals(List.of("HTTP/1.1 200 OK", "HTTP/1.1 200 OK"), result.stdout().lines()
                    .collect(Collectors.toList()), result::toString);
            assertOriginatedThrough(socks, stage, 2);
        }
    }

    /** The app leaves the name to the proxy: the SOCKS request names the host, at the TLS port. */
    @Test
    void aSocketOnASocksProxyOfItsOwnIsOriginatedThroughIt() throws Exception {
        try (SocksProxy socks = SocksProxy.start(SeedStage.HOST);
             SeedStage session = SeedStage.start(dir.resolve("socks"), SocketSession.class)) {
            String plain = ":" + session.standIn().plainPort();
            ChildJvm.Result result = session.withAgent(session.rules("edition-cnn-com.yaml"), "--socks-proxy",
                    "127.0.0.1:" + socks.port(), SeedStage.HOST, "close" + plain, "shutdown-output" + plain).run();

            assertEquals(List.of("close: HTTP/1.1 200 OK, " + StandInServer.BODY_LENGTH + " bytes",
                    "shutdown-output: HTTP/1.1 200 OK, " + StandInServer.BODY_LENGTH + " bytes, then the end of the "
                            + "stream"), result.stdout().lines().collect(Collectors.toList()), result::toString);
            assertOriginatedThrough(socks, session, 2);
            assertEquals(List.of(SeedStage.HOST + ":" + session.standIn().tlsPort(),
                    SeedStage.HOST + ":" + session.standIn().tlsPort()), socks.destinations());
        }
    }

    @Test
    void aNonBlockingChannelIsRefusedAndThePlainPortReceivesNothing() throws Exception {
        ChildJvm.Result result = stage.withAgent(stage.rules("edition-cnn-com.yaml"), "--nio", SeedStage.HOST,
                String.valueOf(stage.standIn().plainPort())).run();

        assertRefused(result);
    }

    @Test
    void withTheSocketLevelSwitchedOffTheGuardRefusesABareSocket() throws Exception {
        ChildJvm.Result result = get(SeedStage.HOST).systemProperty("tlsorigination.instrumentation.socket", "false")
                .run();

        assertRefused(result);
    }

    @Test
    void unmatchedHostIsUntouched() throws Exception {
        ChildJvm.Result result = get(UNMATCHED_HOST).run();

        assertTrue(result.stdout().startsWith("HTTP/1.1 301 Moved Permanently"), result::toString);
        assertEquals(2, stage.standIn().plainConnections(), stage.standIn()::summary);
        assertEquals(0, stage.standIn().tlsConnections(), stage.standIn()::summary);
    }

    @Test
    void guardFalseLetsTheRawClientThroughWhereTheSocketLevelIsOff() throws Exception {
        ChildJvm.Result result = get(SeedStage.HOST).systemProperty("tlsorigination.instrumentation.socket", "false")
                .systemProperty("tlsorigination.guard", "false").run();

        assertTrue(result.stdout().startsWith("HTTP/1.1 301 Moved Permanently"), result::toString);
        assertEquals(2, stage.standIn().plainConnections(), stage.standIn()::summary);
    }

    private static void assertOriginatedThrough(SocksProxy socks, SeedStage on, int connections) {
        StandInServer standIn = on.standIn();
        assertEquals(connections, standIn.tlsHandshakes(), standIn::summary);
        for (StandInRequest request : standIn.requests()) {
            assertEquals(SeedStage.HOST, request.sni(), standIn::summary);
        }
        assertEquals(0, standIn.plainConnections(), standIn::summary);
        socks.assertOnlyTlsTunnelledTo(standIn.tlsPort(), connections);
    }

    private void assertRefused(ChildJvm.Result result) {
        String refusal = "ConnectException: plain-text connection to " + SeedStage.HOST + ":"
                + stage.standIn().plainPort() + " refused: a rule originates TLS for it (TLS to port "
                + stage.standIn().tlsPort();
        assertTrue(result.stderr().contains(refusal), result::toString);
        assertEquals(1, Occurrences.of("warning: refused a plain-text connection from " + RawHttpGet.class.getName(),
                result.stderr()), result::toString);
        assertEquals(0, stage.standIn().plainConnections(), stage.standIn()::summary);
        assertEquals(0, stage.standIn().plainBytesReceived(), stage.standIn()::summary);
    }

    private ChildJvm get(String host) throws Exception {
        return stage.withAgent(stage.rules("edition-cnn-com.yaml"), host, String.valueOf(stage.standIn().plainPort()));
    }
}
