package org.tlsorigination.testapps.jdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tlsorigination.testapps.harness.CertificateAuthority;
import org.tlsorigination.testapps.harness.ChildJvm;
import org.tlsorigination.testapps.harness.SeedStage;
import org.tlsorigination.testapps.harness.StandInConnection;
import org.tlsorigination.testapps.harness.StandInRequest;
import org.tlsorigination.testapps.harness.StandInServer;

/**
 * A socket the socket level originated keeps what {@code java.net.Socket} promises, over TLS: {@code close} sends
 * close_notify, {@code shutdownOutput} half-closes, {@code SO_TIMEOUT} times a read out and leaves the socket usable;
 * and it is never TLS in TLS: the app's own TLS on a socket to the TLS port is the only layer, and on one the agent
 * originated it is refused. One child JVM runs every step, each on a connection of its own, in this order.
 */
class OriginatedSocketTest {
    private static final String PAGE = "HTTP/1.1 200 OK, " + StandInServer.BODY_LENGTH + " bytes";
    private static final Pattern TIMED_OUT = Pattern.compile("read-timeout: timed out after (\\d+) ms, then (.*)");

    @TempDir
    static Path dir;

    private static CertificateAuthority ca;
    private static SeedStage stage;
    private static List<String> lines;
    private static ChildJvm.Result result;

    @BeforeAll
    static void runEveryStep() throws Exception {
        ca = CertificateAuthority.create("stage CA");
        stage = SeedStage.start(dir, ca, StandInServer.builder(ca.issue(SeedStage.HOST).sslContext()),
                SocketSession.class);
        StandInServer standIn = stage.standIn();
        String plain = ":" + standIn.plainPort();
        result = stage.withAgent(stage.rules("edition-cnn-com.yaml"), SeedStage.HOST, "close" + plain,
                "shutdown-output" + plain, "read-timeout" + plain, "layered:" + standIn.tlsPort(),
                "layered" + plain).run();
        lines = result.stdout().lines().collect(Collectors.toList());
        for (int waited = 0; standIn.closeNotified().size() < 5 && waited < 5_000; waited += 50) {
            Thread.sleep(50);
        }
    }

    @AfterAll
    static void stop() {
        stage.close();
    }

    @Test
    void everyStepRanOverTlsWithTheRulesSni() {
        assertEquals(0, result.exitCode(), result::toString);
        assertEquals(5, lines.size(), result::toString);
        StandInServer standIn = stage.standIn();
        assertEquals(5, standIn.tlsHandshakes(), standIn::summary);
        for (StandInConnection connection : standIn.connections()) {
            assertEquals(SeedStage.HOST, connection.sni(), standIn::summary);
        }
        assertEquals(0, standIn.plainConnections(), standIn::summary);
    }

    @Test
    void closeAndShutdownOutputSendCloseNotify() {
        assertEquals("close: " + PAGE, lines.get(0), result::toString);
        assertEquals("shutdown-output: " + PAGE + ", then the end of the stream", lines.get(1), result::toString);
        StandInServer standIn = stage.standIn();
        assertEquals(Set.of(1, 2, 3, 4, 5), standIn.closeNotified(), standIn::summary);
    }

    @Test
    void aReadTimeoutLeavesTheSocketUsable() {
        Matcher timedOut = TIMED_OUT.matcher(lines.get(2));
        assertTrue(timedOut.matches(), result::toString);
        long waited = Long.parseLong(timedOut.group(1));
        assertTrue(waited >= 290 && waited < 5_000, result::toString);
        assertEquals(PAGE, timedOut.group(2), result::toString);
    }

    @Test
    void theAppsOwnTlsToTheTlsPortIsTheOnlyLayer() {
        assertEquals("layered: " + PAGE + " over TLSv1.3", lines.get(3), result::toString);
        List<StandInRequest> requests = stage.standIn().requests();
        assertEquals(List.of("/close", "/shutdown-output", "/read-timeout", "/layered"),
                requests.stream().map(StandInRequest::path).collect(Collectors.toList()), stage.standIn()::summary);
        assertEquals(4, requests.get(3).connectionId(), stage.standIn()::summary);
    }

    /** The agent's handshake is the fifth; the app's own ClientHello never leaves, nor does its request. */
    @Test
    void theAppsOwnTlsOnASocketTheAgentOriginatedIsRefused() {
        StandInServer standIn = stage.standIn();
        assertEquals("layered: error: SSLException: TLS origination to " + SeedStage.HOST + ":" + standIn.tlsPort()
                + " already secures this connection, which the app opened to port " + standIn.plainPort()
                + " and now layers TLS of its own on: TLS in TLS is never made; connect to port "
                + standIn.tlsPort() + " for the app's own TLS", lines.get(4), result::toString);
        assertEquals(4, standIn.requests().size(), standIn::summary);
    }

    /**
     * The measure itself: a TLS client that drops its socket without close_notify is not counted. Each reads its whole
     * response first, as a socket closed on unread bytes resets the connection.
     */
    @Test
    void aBareFinIsNotTakenForCloseNotify() throws Exception {
        try (StandInServer standIn = StandInServer.builder(ca.issue(SeedStage.HOST).sslContext()).start()) {
            get(standIn, false);
            get(standIn, true);
            for (int waited = 0; standIn.closeNotified().isEmpty() && waited < 5_000; waited += 50) {
                Thread.sleep(50);
            }
            assertEquals(Set.of(2), standIn.closeNotified(), standIn::summary);
        }
    }

    private static void get(StandInServer standIn, boolean closeNotify) throws IOException {
        Socket plain = new Socket("127.0.0.1", standIn.tlsPort());
        SSLSocket tls = (SSLSocket) ca.clientSslContext().getSocketFactory().createSocket(plain, SeedStage.HOST,
                standIn.tlsPort(), true);
        SocketSession.exchange(tls, SeedStage.HOST, "/politics");
        (closeNotify ? tls : plain).close();
    }
}
