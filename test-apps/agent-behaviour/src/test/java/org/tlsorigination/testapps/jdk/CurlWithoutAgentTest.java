package org.tlsorigination.testapps.jdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tlsorigination.testapps.harness.CertificateAuthority;
import org.tlsorigination.testapps.harness.ChildJvm;
import org.tlsorigination.testapps.harness.HostsFile;
import org.tlsorigination.testapps.harness.StandInServer;

/** The seed's "before" picture: the unchanged app, no agent, against the local stand-in. */
class CurlWithoutAgentTest {

    private static final String HOST = StandInServer.HOST;

    @TempDir
    Path dir;

    private final CertificateAuthority ca = CertificateAuthority.create("curl test CA");
    private StandInServer standIn;
    private String plainUrl;
    private String tlsUrl;

    @BeforeEach
    void startStandIn() throws IOException {
        standIn = StandInServer.builder(ca.issue(HOST).sslContext()).start();
        plainUrl = "http://" + HOST + ":" + standIn.plainPort() + "/politics";
        tlsUrl = "https://" + HOST + ":" + standIn.tlsPort() + "/politics";
    }

    @AfterEach
    void stopStandIn() {
        standIn.close();
    }

    @Test
    void plainRequestIsRedirectedAndThePageArrivesOverTls() throws Exception {
        ChildJvm.Result result = curl("-sL", "-o", "/dev/null", "-D", "-", plainUrl).run();

        assertEquals(0, result.exitCode(), result::toString);
        List<String> lines = result.stdout().lines().collect(Collectors.toList());
        assertEquals("HTTP/1.1 301 Moved Permanently", lines.get(0), result::toString);
        assertTrue(lines.contains("location: " + tlsUrl), result::toString);
        assertTrue(lines.contains("HTTP/1.1 200 OK"), result::toString);
        assertTrue(lines.contains("Content-Type: text/html; charset=utf-8"), result::toString);
        assertTrue(lines.contains("Content-Length: 151654"), result::toString);
        assertEquals("plain GET /politics, then TLS (SNI edition.cnn.com) GET /politics", standIn.summary());
        assertEquals(HOST + ":" + standIn.plainPort(), standIn.requests().get(0).host());
    }

    @Test
    void bodyIsWrittenWhole() throws Exception {
        Path page = dir.resolve("politics.html");

        ChildJvm.Result result = curl("-sL", "-o", page.toString(), plainUrl).run();

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals(StandInServer.BODY_LENGTH, Files.size(page));
    }

    @Test
    void twoUrlsReuseOnePlainAndOneTlsConnection() throws Exception {
        ChildJvm.Result result = curl("-sL", "-o", "/dev/null", plainUrl, plainUrl).run();

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals(4, standIn.requests().size(), standIn::summary);
        assertEquals(1, standIn.plainConnections(), standIn::summary);
        assertEquals(1, standIn.tlsConnections(), standIn::summary);
        assertEquals(1, standIn.tlsHandshakes(), standIn::summary);
    }

    @Test
    void untrustedCertificateExitsWith35() throws Exception {
        CertificateAuthority stranger = CertificateAuthority.create("untrusted CA");
        try (StandInServer impostor = StandInServer.builder(stranger.issue(HOST).sslContext()).start()) {
            ChildJvm.Result result = curl("-s", "https://" + HOST + ":" + impostor.tlsPort() + "/politics").run();

            assertEquals(35, result.exitCode(), result::toString);
            assertTrue(result.stderr().startsWith("curl: (35) SSLHandshakeException: "), result::toString);
        }
    }

    @Test
    void silentHandshakeExitsWith28() throws Exception {
        try (StandInServer silent = StandInServer.builder(ca.issue(HOST).sslContext()).silentTls().start()) {
            ChildJvm.Result result = curl("-s", "-m", "0.5", "https://" + HOST + ":" + silent.tlsPort() + "/").run();

            assertEquals(28, result.exitCode(), result::toString);
            assertTrue(result.stderr().startsWith("curl: (28) SocketTimeoutException: "), result::toString);
        }
    }

    @Test
    void refusedConnectionExitsWith7AndUnknownHostWith6() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        ChildJvm.Result refused = curl("-s", "http://" + HOST + ":" + closedPort + "/").run();
        ChildJvm.Result unknown = curl("-s", "http://not-in-hosts-file.example/").run();

        assertEquals(7, refused.exitCode(), refused::toString);
        assertEquals(6, unknown.exitCode(), unknown::toString);
    }

    private ChildJvm curl(String... args) throws IOException {
        return ChildJvm.mainClass(Curl.class.getName())
                .classPath(ChildJvm.classPathOf(Curl.class))
                .systemProperty(HostsFile.SYSTEM_PROPERTY, HostsFile.write(dir.resolve("hosts"), HOST).toString())
                .systemProperties(ca.writeTrustStore(dir.resolve("trust.p12")).systemProperties())
                .args(args);
    }
}
