package org.tlsorigination.testapps.jdkhttpclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.tlsorigination.testapps.harness.CertificateAuthority;
import org.tlsorigination.testapps.harness.ChildJvm;
import org.tlsorigination.testapps.harness.FamilyMatrixTest;
import org.tlsorigination.testapps.harness.SeedStage;
import org.tlsorigination.testapps.harness.StandInRequest;
import org.tlsorigination.testapps.harness.StandInServer;

/**
 * What the JDK's HttpClient adds to the contract: HTTP/2 by default, HTTP/1.1 and {@code sendAsync}, the Host
 * header, a pool it shares with the app's own https connections, and a connect that the policy refuses.
 */
class HttpClientSpecificsTest extends FamilyMatrixTest {
    static final String PAGE = "200 HTTP_1_1, " + StandInServer.BODY_LENGTH + " bytes";

    /** The client asks for HTTP/2 by default; over originated TLS it never offers its cleartext upgrade, h2c. */
    @Test
    void defaultHttp2RequestGoesAsHttp11OverTlsWithoutAnUpgrade() throws Exception {
        try (SeedStage stage = SeedStage.start(dir, HttpClientGet.class)) {
            ChildJvm.Result result = client.originate(stage, stage.plainUrl("/politics")).run();

            assertEquals(0, result.exitCode(), result::toString);
            assertEquals(PAGE, result.stdout().trim(), result::toString);
            StandInRequest request = stage.standIn().requests().get(0);
            assertTrue(request.tls(), stage.standIn()::summary);
            assertNull(request.upgrade(), stage.standIn()::summary);
        }
    }

    @Test
    void asyncHttp11RequestsShareOneTlsConnectionAndKeepTheirHostHeader() throws Exception {
        try (SeedStage stage = SeedStage.start(dir, HttpClientGet.class)) {
            ChildJvm.Result result = client.originate(stage, "--version", "HTTP_1_1", "--async", "--requests", "3",
                    stage.plainUrl("/politics")).run();

            assertEquals(0, result.exitCode(), result::toString);
            assertEquals(List.of(PAGE, PAGE, PAGE), result.stdout().lines().collect(Collectors.toList()));
            StandInServer standIn = stage.standIn();
            assertEquals(1, standIn.tlsConnections(), standIn::summary);
            assertEquals(1, standIn.tlsHandshakes(), standIn::summary);
            assertEquals(0, standIn.plainConnections(), standIn::summary);
            for (StandInRequest request : standIn.requests()) {
                assertEquals(SeedStage.HOST + ":" + standIn.plainPort(), request.host(), standIn::summary);
            }
        }
    }

    /** Both go to the TLS port, but only the app's own request is made with the app's trust. */
    @Test
    void originatedAndAppsOwnHttpsConnectionsAreNeverShared() throws Exception {
        try (SeedStage stage = SeedStage.start(dir, HttpClientGet.class)) {
            ChildJvm.Result result = client.originate(stage, "--version", "HTTP_1_1", "--requests", "2",
                    stage.tlsUrl("/politics"), stage.plainUrl("/politics")).run();

            assertEquals(0, result.exitCode(), result::toString);
            assertEquals(List.of(PAGE, PAGE, PAGE, PAGE), result.stdout().lines().collect(Collectors.toList()));
            StandInServer standIn = stage.standIn();
            assertEquals(2, standIn.tlsConnections(), standIn::summary);
            List<StandInRequest> requests = standIn.requests();
            assertEquals(requests.get(0).connectionId(), requests.get(2).connectionId(), standIn::summary);
            assertEquals(requests.get(1).connectionId(), requests.get(3).connectionId(), standIn::summary);
        }
    }

    /**
     * SSLParameters of the app's own, with no endpoint identification, are the client's for its own https: an
     * originated connection still checks the host name.
     */
    @Test
    void certificateForAnotherHostFailsAlthoughTheAppSetItsOwnSslParameters() throws Exception {
        CertificateAuthority ca = CertificateAuthority.create("stage CA");
        try (SeedStage stage = SeedStage.start(dir, ca, StandInServer.builder(ca.issue("wrong.example").sslContext()),
                HttpClientGet.class)) {
            ChildJvm.Result result = client.originate(stage, "--ssl-parameters-without-host-check",
                    stage.plainUrl("/politics")).run();

            assertEquals(1, result.exitCode(), result::toString);
            assertTrue(result.stderr().contains("error: SSLHandshakeException: TLS origination to edition.cnn.com:"
                    + stage.standIn().tlsPort() + " failed: "), result::toString);
            assertTrue(result.stderr().contains("No subject alternative DNS name matching edition.cnn.com"),
                    result::toString);
            assertEquals(0, stage.standIn().requests().size(), stage.standIn()::summary);
            assertEquals(0, stage.standIn().tlsHandshakes(), stage.standIn()::summary);
            assertEquals(0, stage.standIn().nonTlsBytesReceived(), stage.standIn()::summary);
            assertEquals(0, stage.standIn().plainConnections(), stage.standIn()::summary);
        }
    }

    @Test
    void registryOnlyRefusesAnUndeclaredHostBeforeItsConnect() throws Exception {
        try (SeedStage stage = SeedStage.start(dir, HttpClientGet.class, "www.example.com")) {
            String port = String.valueOf(stage.standIn().plainPort());
            ChildJvm.Result result = client.originate(stage, "http://www.example.com:" + port + "/politics")
                    .systemProperty("tlsorigination.outboundTrafficPolicy", "REGISTRY_ONLY")
                    .run();

            assertEquals(1, result.exitCode(), result::toString);
            assertTrue(result.stderr().contains("error: ConnectException: connection to www.example.com:" + port
                    + " refused by outboundTrafficPolicy REGISTRY_ONLY"), result::toString);
            assertEquals(0, stage.standIn().connections().size(), stage.standIn()::summary);
        }
    }

    /** An app without a connect timeout would wait on a silent server forever; the agent's timeout bounds it. */
    @Test
    void handshakeWithoutAConnectTimeoutEndsAtTheAgentsTimeout() throws Exception {
        try (SeedStage stage = SeedStage.startSilent(dir, HttpClientGet.class)) {
            ChildJvm.Result result = client.originate(stage, stage.plainUrl("/politics"))
                    .systemProperty("tlsorigination.handshakeTimeout", "1000")
                    .run();

            assertEquals(1, result.exitCode(), result::toString);
            assertTrue(result.stderr().contains("error: HttpConnectTimeoutException: TLS origination to edition.cnn.com:"
                    + stage.standIn().tlsPort() + " failed: the handshake timed out after 1000 ms"), result::toString);
            assertEquals(0, stage.standIn().requests().size(), stage.standIn()::summary);
        }
    }
}
