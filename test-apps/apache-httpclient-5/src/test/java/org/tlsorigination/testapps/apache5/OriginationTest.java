package org.tlsorigination.testapps.apache5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tlsorigination.testapps.harness.ChildJvm;
import org.tlsorigination.testapps.harness.SeedStage;
import org.tlsorigination.testapps.harness.StandInRequest;
import org.tlsorigination.testapps.harness.StandInServer;

/** Each client shape on each claimed version: plain http to edition.cnn.com arrives over TLS, pooled as the app's. */
class OriginationTest {
    @TempDir
    Path dir;

    private SeedStage stage;

    @BeforeEach
    void start() throws Exception {
        stage = SeedStage.start(dir, Fetch.class);
    }

    @AfterEach
    void stop() {
        stage.close();
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("org.tlsorigination.testapps.apache5.ClaimedVersions#shapesAndVersions")
    void plainRequestArrivesOverTlsWithoutRedirect(String shape, String version) throws Exception {
        String url = stage.plainUrl("/politics");

        ChildJvm.Result result = ClaimedVersions.fetch(stage, version, shape, url).run();

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("200 OK 151654 bytes " + url, result.stdout().trim(), result::toString);
        StandInServer standIn = stage.standIn();
        assertEquals("TLS (SNI edition.cnn.com) GET /politics; plain port untouched", standIn.summary());
        assertEquals(0, standIn.plainBytesReceived(), standIn::summary);
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("org.tlsorigination.testapps.apache5.ClaimedVersions#shapesAndVersions")
    void sequentialRequestsShareOnePooledTlsConnection(String shape, String version) throws Exception {
        String url = stage.plainUrl("/politics");

        ChildJvm.Result result = ClaimedVersions.fetch(stage, version, shape, url, url, url).run();

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals(3, result.stdout().lines().filter(line -> line.startsWith("200 OK 151654 bytes")).count(),
                result::toString);
        StandInServer standIn = stage.standIn();
        assertEquals(3, standIn.requests().size(), standIn::summary);
        assertTrue(standIn.requests().stream().allMatch(StandInRequest::tls), standIn::summary);
        assertEquals(1, standIn.tlsConnections(), standIn::summary);
        assertEquals(1, standIn.tlsHandshakes(), standIn::summary);
        assertEquals(0, standIn.plainConnections(), standIn::summary);
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("org.tlsorigination.testapps.apache5.ClaimedVersions#shapesAndVersions")
    void concurrentRequestsOpenAtMostOneConnectionEach(String shape, String version) throws Exception {
        String url = stage.plainUrl("/politics");

        ChildJvm.Result result = ClaimedVersions.fetch(stage, version, shape, "--concurrency", "3", url, url, url)
                .run();

        assertEquals(0, result.exitCode(), result::toString);
        StandInServer standIn = stage.standIn();
        List<Integer> connectionsUsed = standIn.requests().stream().map(StandInRequest::connectionId)
                .distinct().collect(Collectors.toList());
        assertEquals(3, standIn.requests().size(), standIn::summary);
        assertTrue(standIn.tlsConnections() <= 3, standIn::summary);
        assertEquals(standIn.tlsConnections(), standIn.tlsHandshakes(), standIn::summary);
        assertEquals(standIn.tlsConnections(), connectionsUsed.size(), standIn::summary);
        assertEquals(0, standIn.plainConnections(), standIn::summary);
    }
}
