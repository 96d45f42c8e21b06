package org.tlsorigination.testapps.commons3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.tlsorigination.testapps.harness.AgentUnderTest;
import org.tlsorigination.testapps.harness.AppUnderTest;
import org.tlsorigination.testapps.harness.ChildJvm;
import org.tlsorigination.testapps.harness.OriginationContract;
import org.tlsorigination.testapps.harness.PlainTextTlsPort;
import org.tlsorigination.testapps.harness.SeedStage;
import org.tlsorigination.testapps.harness.StandInRequest;
import org.tlsorigination.testapps.harness.StandInServer;

/**
 * Commons HttpClient 3.1, which no family rewrites: its {@code MultiThreadedHttpConnectionManager} connects plain
 * sockets, which the socket level originates, keeping the pool's connection reuse; through an HTTP proxy its request
 * is tunnelled at the socket.
 */
@AppUnderTest(CommonsHttpClientGet.class)
class CommonsHttpClient3OriginationTest extends OriginationContract {
    private static final List<String> PATHS = List.of("/politics", "/world", "/business", "/health", "/sport");

    @Override
    protected List<String> threeRequestsOnOnePooledConnection(String url) {
        return List.of(url, url, url);
    }

    /** The library wraps a timed-out connect in a ConnectTimeoutException, whose cause is the agent's. */
    @Override
    protected String errorPrefix(Failure failure) {
        return failure == Failure.HANDSHAKE_TIMEOUT ? "caused by: SocketTimeoutException: "
                : super.errorPrefix(failure);
    }

    @Override
    protected ProxiedRequests proxiedRequests() {
        return ProxiedRequests.TUNNELLED;
    }

    @Test
    void fiveFetchesGoOverTlsOnOnePooledConnection() throws Exception {
        try (SeedStage stage = SeedStage.start(dir, CommonsHttpClientGet.class)) {
            String[] urls = PATHS.stream().map(stage::plainUrl).toArray(String[]::new);

            ChildJvm.Result result = client.originate(stage, urls).run();

            assertEquals(0, result.exitCode(), result::toString);
            assertEquals(5, result.stdout().lines().filter(line -> line.equals(
                    "200 OK, " + StandInServer.BODY_LENGTH + " bytes")).count(), result::toString);
            StandInServer standIn = stage.standIn();
            assertEquals(PATHS, standIn.requests().stream().map(StandInRequest::path).collect(Collectors.toList()),
                    standIn::summary);
            for (StandInRequest request : standIn.requests()) {
                assertTrue(request.tls(), standIn::summary);
                assertEquals(SeedStage.HOST, request.sni(), standIn::summary);
            }
            assertEquals(1, standIn.tlsConnections(), standIn::summary);
            assertEquals(0, standIn.plainConnections(), standIn::summary);
        }
    }

    /** The ClientHello gets a plain 400: the handshake fails on it, and the request is never written. */
    @Test
    void plainTextOnTheTlsPortFailsTheRequestNamingTheHost() throws Exception {
        try (SeedStage stage = SeedStage.start(dir, CommonsHttpClientGet.class);
             PlainTextTlsPort plainText = new PlainTextTlsPort()) {
            Path rules = AgentUnderTest.withPorts("edition-cnn-com.yaml", stage.standIn().plainPort(),
                    plainText.port(), dir);

            ChildJvm.Result result = client.withAgent(stage, rules, stage.plainUrl("/politics")).run();

            assertEquals(1, result.exitCode(), result::toString);
            assertTrue(result.stderr().contains("error: SSLHandshakeException: TLS origination to " + SeedStage.HOST
                    + ":" + plainText.port() + " failed: "), result::toString);
            assertTrue(plainText.connections() > 0, result::toString);
            assertEquals(0x16, plainText.received().charAt(0), plainText::received);
            assertFalse(plainText.received().contains("/politics"), plainText::received);
            assertEquals(0, stage.standIn().connections().size(), stage.standIn()::summary);
        }
    }
}
