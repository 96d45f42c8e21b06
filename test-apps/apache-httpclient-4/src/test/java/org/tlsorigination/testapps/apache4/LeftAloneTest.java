package org.tlsorigination.testapps.apache4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tlsorigination.testapps.harness.ChildJvm;
import org.tlsorigination.testapps.harness.SeedStage;
import org.tlsorigination.testapps.harness.StandInServer;

/** What no rule originates goes out as without the agent, the app's own TLS is never wrapped again. */
class LeftAloneTest {
    private static final String UNMATCHED_HOST = "www.example.com";

    @TempDir
    Path dir;

    private SeedStage stage;

    @BeforeEach
    void start() throws Exception {
        stage = SeedStage.start(dir, Fetch.class, UNMATCHED_HOST);
    }

    @AfterEach
    void stop() {
        stage.close();
    }

    /** The rules originate TLS on the TLS port too (the seed's port 443), so a second wrap would break this. */
    @ParameterizedTest
    @MethodSource("org.tlsorigination.testapps.apache4.Client#every")
    void httpsRequestKeepsTheAppsOwnTls(Client client) throws Exception {
        ChildJvm.Result result = client.fetchWithAgent(stage, rules(), stage.tlsUrl("/politics")).run();

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("HTTP/1.1 200 OK " + StandInServer.BODY_LENGTH + " bytes", result.stdout().trim());
        assertEquals(1, stage.standIn().tlsHandshakes(), stage.standIn()::summary);
        assertEquals("TLS (SNI edition.cnn.com) GET /politics; plain port untouched", stage.standIn().summary());
    }

    /** HttpClient follows the stand-in's redirect to https itself, as it would without the agent. */
    @ParameterizedTest
    @MethodSource("org.tlsorigination.testapps.apache4.Client#every")
    void unmatchedHostGoesOutAsTheAppSentIt(Client client) throws Exception {
        String url = "http://" + UNMATCHED_HOST + ":" + stage.standIn().plainPort() + "/politics";

        ChildJvm.Result result = client.fetchWithAgent(stage, rules(), url).run();

        assertEquals(0, result.exitCode(), result::toString);
        StandInServer standIn = stage.standIn();
        assertEquals("plain GET /politics, then TLS (SNI edition.cnn.com) GET /politics", standIn.summary());
        assertEquals(UNMATCHED_HOST + ":" + standIn.plainPort(), standIn.requests().get(0).host());
        assertEquals(1, standIn.tlsHandshakes(), standIn::summary);
    }

    /** The app runs without Apache HttpClient: the agent names the families once at start-up and says no more. */
    @Test
    void appWithoutTheLibraryHearsNothingOfIt() throws Exception {
        ChildJvm.Result result = stage.withAgent(rules()).systemProperty("tlsorigination.log", "debug").run();

        assertEquals(2, result.exitCode(), result::toString);
        List<String> apacheLines = result.stderr().lines()
                .filter(line -> line.startsWith("[tls-origination]") && line.contains("Apache"))
                .collect(Collectors.toList());
        assertEquals(1, apacheLines.size(), result::toString);
        assertTrue(apacheLines.get(0).contains("instrumenting "), result::toString);
        assertTrue(apacheLines.get(0).contains("Apache HttpClient 4"), result::toString);
        assertTrue(apacheLines.get(0).contains("Apache HttpAsyncClient 4"), result::toString);
    }

    private Path rules() throws Exception {
        return stage.rules("edition-cnn-com.yaml");
    }
}
