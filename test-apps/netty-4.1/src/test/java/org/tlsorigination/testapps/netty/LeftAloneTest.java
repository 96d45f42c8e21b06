package org.tlsorigination.testapps.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tlsorigination.testapps.harness.AppClassPath;
import org.tlsorigination.testapps.harness.ChildJvm;
import org.tlsorigination.testapps.harness.SeedStage;
import org.tlsorigination.testapps.harness.StandInServer;

/** A channel with the app's own SslHandler, or to a host no rule names, goes out exactly as the app made it. */
class LeftAloneTest {
    private static final String UNMATCHED_HOST = "www.example.com";

    @TempDir
    Path dir;

    private SeedStage stage;

    @BeforeEach
    void start() throws Exception {
        stage = SeedStage.start(dir, NettyGet.class, UNMATCHED_HOST);
    }

    @AfterEach
    void stop() {
        stage.close();
    }

    /** The rules originate TLS on the TLS port too (the seed's port 443), so a second wrap would break this. */
    @Test
    void appsOwnSslHandlerIsNotWrappedAgain() throws Exception {
        ChildJvm.Result result = run(stage.tlsUrl("/politics"));

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals(SeedScenarioTest.OK, result.stdout().trim(), result::toString);
        StandInServer standIn = stage.standIn();
        assertEquals(1, standIn.tlsHandshakes(), standIn::summary);
        assertEquals("TLS (SNI edition.cnn.com) GET /politics; plain port untouched", standIn.summary());
    }

    @Test
    void unmatchedHostGoesOutAsTheAppSentIt() throws Exception {
        ChildJvm.Result result = run("http://" + UNMATCHED_HOST + ":" + stage.standIn().plainPort() + "/politics");

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("HTTP/1.1 301 Moved Permanently, 0 bytes", result.stdout().trim(), result::toString);
        StandInServer standIn = stage.standIn();
        assertEquals(0, standIn.tlsConnections(), standIn::summary);
        assertEquals(1, standIn.plainConnections(), standIn::summary);
    }

    private ChildJvm.Result run(String url) throws Exception {
        return stage.withAgent(stage.rules("edition-cnn-com.yaml"), url).classPath(AppClassPath.libraries()).run();
    }
}
