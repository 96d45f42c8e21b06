package org.tlsorigination.testapps.reactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tlsorigination.testapps.harness.AppClassPath;
import org.tlsorigination.testapps.harness.CertificateAuthority;
import org.tlsorigination.testapps.harness.ChildJvm;
import org.tlsorigination.testapps.harness.SeedStage;
import org.tlsorigination.testapps.harness.StandInServer;

/** The seed scenario, pooling, the app's own TLS and failed handshakes, on the Reactor Netty HttpClient. */
class ReactorNettyOriginationTest {
    private static final String OK = "HTTP/1.1 200 OK, " + StandInServer.BODY_LENGTH + " bytes";
    private static final String FAILED = "error: SSLHandshakeException: TLS origination to edition.cnn.com:";

    @TempDir
    Path dir;

    private final CertificateAuthority trusted = CertificateAuthority.create("trusted CA");

    /**
     * Reactor Netty may emit a response before its connection is back in the pool, so back-to-back requests can open
     * a second connection, with or without the agent; a pool of one makes reuse certain.
     */
    @Test
    void pooledRequestsToEditionCnnComArriveOverTlsOnOneHandshake() throws Exception {
        try (SeedStage stage = SeedStage.start(dir, ReactorGet.class)) {
            ChildJvm.Result result = originate(stage, "--requests", "3", "--max-connections", "1",
                    stage.plainUrl("/politics"));

            assertEquals(0, result.exitCode(), result::toString);
            assertEquals(3, result.stdout().lines().filter(OK::equals).count(), result::toString);
            StandInServer standIn = stage.standIn();
            assertEquals("TLS (SNI edition.cnn.com) GET /politics, then TLS (SNI edition.cnn.com) GET /politics, then "
                    + "TLS (SNI edition.cnn.com) GET /politics; plain port untouched", standIn.summary());
            assertEquals(1, standIn.tlsConnections(), standIn::summary);
            assertEquals(1, standIn.tlsHandshakes(), standIn::summary);
        }
    }

    /** The rules originate TLS on the TLS port too (the seed's port 443), so a second wrap would break this. */
    @Test
    void httpsRequestKeepsTheAppsOwnTls() throws Exception {
        try (SeedStage stage = SeedStage.start(dir, ReactorGet.class)) {
            ChildJvm.Result result = originate(stage, stage.tlsUrl("/politics"));

            assertEquals(0, result.exitCode(), result::toString);
            assertEquals(OK, result.stdout().trim(), result::toString);
            assertEquals(1, stage.standIn().tlsHandshakes(), stage.standIn()::summary);
            assertEquals("TLS (SNI edition.cnn.com) GET /politics; plain port untouched", stage.standIn().summary());
        }
    }

    @Test
    void untrustedCertificateFailsTheRequest() throws Exception {
        CertificateAuthority stranger = CertificateAuthority.create("stranger CA");
        StandInServer.Builder impostor = StandInServer.builder(stranger.issue(SeedStage.HOST).sslContext());

        try (SeedStage stage = SeedStage.start(dir, trusted, impostor, ReactorGet.class)) {
            ChildJvm.Result result = originate(stage, stage.plainUrl("/politics"));

            assertEquals(1, result.exitCode(), result::toString);
            assertTrue(result.stderr().contains(FAILED + stage.standIn().tlsPort() + " failed: "), result::toString);
            assertTrue(result.stderr().contains("PKIX path building failed"), result::toString);
            assertNothingReachedTheServer(stage.standIn());
        }
    }

    @Test
    void silentServerFailsTheRequestOnceTheConnectTimeoutPasses() throws Exception {
        StandInServer.Builder silent = StandInServer.builder(trusted.issue(SeedStage.HOST).sslContext()).silentTls();

        try (SeedStage stage = SeedStage.start(dir, trusted, silent, ReactorGet.class)) {
            ChildJvm.Result result = originate(stage, "--connect-timeout", "1000", stage.plainUrl("/politics"));

            assertEquals(1, result.exitCode(), result::toString);
            assertTrue(result.stderr().contains(FAILED + stage.standIn().tlsPort()
                    + " failed: the handshake timed out after 1000 ms"), result::toString);
            assertNothingReachedTheServer(stage.standIn());
        }
    }

    private static ChildJvm.Result originate(SeedStage stage, String... args) throws Exception {
        return stage.withAgent(stage.rules("edition-cnn-com.yaml"), args).classPath(AppClassPath.libraries()).run();
    }

    private static void assertNothingReachedTheServer(StandInServer standIn) {
        assertEquals(0, standIn.plainConnections(), standIn::summary);
        assertEquals(0, standIn.requests().size(), standIn::summary);
    }
}
