package org.tlsorigination.testapps.jdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tlsorigination.testapps.harness.ChildJvm;
import org.tlsorigination.testapps.harness.SeedStage;
import org.tlsorigination.testapps.harness.StandInServer;

/** What no rule originates behaves exactly as without the agent, and the app's own TLS is never wrapped again. */
class LeftAloneTest {
    private static final String UNMATCHED_HOST = "www.example.com";

    @TempDir
    Path dir;

    private SeedStage stage;

    @BeforeEach
    void start() throws Exception {
        stage = SeedStage.start(dir, Curl.class, UNMATCHED_HOST);
    }

    @AfterEach
    void stop() {
        stage.close();
    }

    /** The rules originate TLS on the TLS port too (the seed's port 443), so a second wrap would break this. */
    @Test
    void httpsRequestKeepsTheAppsOwnTls() throws Exception {
        ChildJvm.Result result = stage.withAgent(stage.rules("edition-cnn-com.yaml"),
                "-s", "-o", "/dev/null", "-D", "-", stage.tlsUrl("/politics")).run();

        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.stdout().startsWith("HTTP/1.1 200 OK"), result::toString);
        StandInServer standIn = stage.standIn();
        assertEquals(1, standIn.tlsHandshakes(), standIn::summary);
        assertEquals("TLS (SNI edition.cnn.com) GET /politics; plain port untouched", standIn.summary());
    }

    @Test
    void unmatchedHostGoesOutAsTheAppSentIt() throws Exception {
        String url = "http://" + UNMATCHED_HOST + ":" + stage.standIn().plainPort() + "/politics";

        ChildJvm.Result result = stage.withAgent(stage.rules("edition-cnn-com.yaml"), "-s", "-D", "-", url).run();

        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.stdout().startsWith("HTTP/1.1 301 Moved Permanently"), result::toString);
        StandInServer standIn = stage.standIn();
        assertEquals(0, standIn.tlsConnections(), standIn::summary);
        assertEquals(1, standIn.plainConnections(), standIn::summary);
        assertEquals(UNMATCHED_HOST + ":" + standIn.plainPort(), standIn.requests().get(0).host());
    }
}
