package org.tlsorigination.testapps.apache4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

/** Plain http requests to edition.cnn.com arrive over TLS on the TLS port, and pooled connections carry many. */
class OriginationTest {
    private static final String OK_PAGE = "HTTP/1.1 200 OK " + StandInServer.BODY_LENGTH + " bytes";

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

    @ParameterizedTest
    @MethodSource("org.tlsorigination.testapps.apache4.Client#every")
    void plainRequestToEditionCnnComArrivesOverTlsWithoutRedirect(Client client) throws Exception {
        ChildJvm.Result result = client.fetchWithAgent(stage, rules(), stage.plainUrl("/politics")).run();

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals(OK_PAGE, result.stdout().trim(), result::toString);
        assertFalse(result.stderr().contains("[tls-origination] warning"), result::toString);
        StandInServer standIn = stage.standIn();
        assertEquals("TLS (SNI edition.cnn.com) GET /politics; plain port untouched", standIn.summary());
        assertEquals(0, standIn.plainBytesReceived(), standIn::summary);
    }

    @ParameterizedTest
    @MethodSource("org.tlsorigination.testapps.apache4.Client#every")
    void sequentialRequestsShareOnePooledTlsConnection(Client client) throws Exception {
        ChildJvm.Result result = client.fetchWithAgent(stage, rules(), Client.repeat(stage.plainUrl("/politics"), 3))
                .run();

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals(List.of(OK_PAGE, OK_PAGE, OK_PAGE), result.stdout().lines().collect(Collectors.toList()));
        StandInServer standIn = stage.standIn();
        assertEquals(3, standIn.requests().size(), standIn::summary);
        assertTrue(standIn.requests().stream().allMatch(StandInRequest::tls), standIn::summary);
        assertEquals(1, standIn.tlsConnections(), standIn::summary);
        assertEquals(1, standIn.tlsHandshakes(), standIn::summary);
        assertEquals(0, standIn.plainConnections(), standIn::summary);
    }

    @ParameterizedTest
    @MethodSource("org.tlsorigination.testapps.apache4.Client#pooling")
    void concurrentRequestsOpenNoMoreConnectionsThanThePoolHolds(Client client) throws Exception {
        int poolSize = 3;
        int requests = 12;
        String[] args = Client.repeat(stage.plainUrl("/politics"), requests + 2);
        args[0] = "--concurrency";
        args[1] = String.valueOf(poolSize);

        ChildJvm.Result result = client.fetchWithAgent(stage, rules(), args).run();

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals(requests, result.stdout().lines().filter(OK_PAGE::equals).count(), result::toString);
        StandInServer standIn = stage.standIn();
        assertEquals(requests, standIn.requests().size(), standIn::summary);
        assertTrue(standIn.requests().stream().allMatch(StandInRequest::tls), standIn::summary);
        assertTrue(standIn.tlsConnections() <= poolSize, () -> standIn.tlsConnections() + " connections");
        assertEquals(standIn.tlsConnections(), standIn.tlsHandshakes(), standIn::summary);
        assertEquals(0, standIn.plainConnections(), standIn::summary);
    }

    private Path rules() throws Exception {
        return stage.rules("edition-cnn-com.yaml");
    }
}
