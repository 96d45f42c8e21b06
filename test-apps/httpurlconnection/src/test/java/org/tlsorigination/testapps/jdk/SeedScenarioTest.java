package org.tlsorigination.testapps.jdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tlsorigination.testapps.harness.AgentUnderTest;
import org.tlsorigination.testapps.harness.CertificateAuthority;
import org.tlsorigination.testapps.harness.ChildJvm;
import org.tlsorigination.testapps.harness.FamilyMatrixTest;
import org.tlsorigination.testapps.harness.SeedStage;
import org.tlsorigination.testapps.harness.StandInRequest;
import org.tlsorigination.testapps.harness.StandInServer;

/** The seed scenario: the same curl command, one 200 over TLS instead of a 301 and a second request. */
class SeedScenarioTest extends FamilyMatrixTest {
    private SeedStage stage;

    @BeforeEach
    void start() throws IOException {
        stage = SeedStage.start(dir, Curl.class);
    }

    @AfterEach
    void stop() {
        stage.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"edition-cnn-com.yaml", "edition-cnn-com-targetport.yaml", "short-form.yaml"})
    void plainRequestToEditionCnnComArrivesOverTlsWithoutRedirect(String rulesFile) throws Exception {
        ChildJvm.Result result = client.withAgent(stage, stage.rules(rulesFile),
                SeedStage.seedCurl(stage.plainUrl("/politics"))).run();

        assertSeedOutput(result);
        assertOneTlsRequestForPolitics(stage.standIn());
    }

    @Test
    void startUpLineSaysHowManyRulesWereLoadedFromWhere() throws Exception {
        Path rules = stage.rules("edition-cnn-com.yaml");

        ChildJvm.Result result = client.withAgent(stage, rules, SeedStage.seedCurl(stage.plainUrl("/politics"))).run();

        assertTrue(result.stderr().contains("[tls-origination] 2 TLS origination rules loaded from " + rules
                + " (3 resources)"), result::toString);
        assertSeedOutput(result);
        assertOneTlsRequestForPolitics(stage.standIn());
    }

    @Test
    void urlOpenStreamGetsThePageOverTls() throws Exception {
        try (SeedStage openStream = SeedStage.start(dir.resolve("open-stream"), UrlOpenStream.class)) {
            String url = openStream.plainUrl("/politics");

            ChildJvm.Result result = client.withAgent(openStream, openStream.rules("edition-cnn-com.yaml"), url).run();

            assertEquals(0, result.exitCode(), result::toString);
            assertEquals("151654 bytes from " + url, result.stdout().trim(), result::toString);
            assertOneTlsRequestForPolitics(openStream.standIn());
        }
    }

    /** The files of config/ exactly as shipped, where the machine lets a test bind ports 80 and 443. */
    @ParameterizedTest
    @ValueSource(strings = {"edition-cnn-com.yaml", "edition-cnn-com-targetport.yaml", "short-form.yaml"})
    void verbatimRulesFilesOnPorts80And443(String rulesFile) throws Exception {
        assumeTrue(canBind(80) && canBind(443), "ports 80 and 443 on 127.0.0.1 need privileges here");
        CertificateAuthority ca = CertificateAuthority.create("verbatim CA");
        try (SeedStage seedPorts = SeedStage.start(dir, ca,
                StandInServer.builder(ca.issue(SeedStage.HOST).sslContext()).plainPort(80).tlsPort(443), Curl.class)) {
            ChildJvm.Result result = client.withAgent(seedPorts, AgentUnderTest.config(rulesFile),
                    SeedStage.seedCurl("http://edition.cnn.com/politics")).run();

            assertSeedOutput(result);
            assertOneTlsRequestForPolitics(seedPorts.standIn());
        }
    }

    private static void assertSeedOutput(ChildJvm.Result result) {
        assertEquals(0, result.exitCode(), result::toString);
        List<String> lines = result.stdout().lines().collect(Collectors.toList());
        assertEquals("HTTP/1.1 200 OK", lines.get(0), result::toString);
        assertTrue(lines.contains("Content-Type: text/html; charset=utf-8"), result::toString);
        assertTrue(lines.contains("Content-Length: 151654"), result::toString);
        assertFalse(result.stdout().contains("301"), result::toString);
    }

    /** The path crossed the wire only inside TLS: the plain port saw no connection at all. */
    private static void assertOneTlsRequestForPolitics(StandInServer standIn) {
        assertEquals(0, standIn.plainConnections(), standIn::summary);
        assertEquals(0, standIn.plainBytesReceived(), standIn::summary);
        assertEquals(1, standIn.requests().size(), standIn::summary);
        StandInRequest request = standIn.requests().get(0);
        assertTrue(request.tls(), standIn::summary);
        assertEquals("edition.cnn.com", request.sni(), standIn::summary);
        assertEquals("/politics", request.path(), standIn::summary);
    }

    private static boolean canBind(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
