package org.tlsorigination.testapps.apache5;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tlsorigination.testapps.harness.ChildJvm;
import org.tlsorigination.testapps.harness.SeedStage;
import org.tlsorigination.testapps.harness.StandInServer;

/** What no rule originates goes out as the app sent it, and the app's own https is never wrapped again. */
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
    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("org.tlsorigination.testapps.apache5.ClaimedVersions#shapesAndVersions")
    void httpsRequestKeepsTheAppsOwnTls(String shape, String version) throws Exception {
        String url = stage.tlsUrl("/politics");

        ChildJvm.Result result = ClaimedVersions.fetch(stage, version, shape, url).run();

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("200 OK 151654 bytes " + url, result.stdout().trim(), result::toString);
        StandInServer standIn = stage.standIn();
        assertEquals(1, standIn.tlsHandshakes(), standIn::summary);
        assertEquals("TLS (SNI edition.cnn.com) GET /politics; plain port untouched", standIn.summary());
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("org.tlsorigination.testapps.apache5.ClaimedVersions#shapesAndVersions")
    void unmatchedHostGoesOutAsTheAppSentIt(String shape, String version) throws Exception {
        String url = "http://" + UNMATCHED_HOST + ":" + stage.standIn().plainPort() + "/politics";

        ChildJvm.Result result = ClaimedVersions.fetch(stage, version, shape, url).run();

        StandInServer standIn = stage.standIn();
        assertEquals(1, standIn.plainConnections(), result::toString);
        assertEquals("plain GET /politics", standIn.requests().get(0).toString(), standIn::summary);
        assertEquals(UNMATCHED_HOST + ":" + standIn.plainPort(), standIn.requests().get(0).host());
    }
}
