package org.tlsorigination.testapps.netty;

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

/** A failed handshake fails the app's connect, naming host and reason; the request never leaves in plain text. */
class FailClosedTest {
    private static final String FAILED = "error: SSLHandshakeException: TLS origination to edition.cnn.com:";

    @TempDir
    Path dir;

    private final CertificateAuthority trusted = CertificateAuthority.create("trusted CA");

    @Test
    void untrustedCertificateFailsTheConnect() throws Exception {
        CertificateAuthority stranger = CertificateAuthority.create("stranger CA");
        StandInServer.Builder impostor = StandInServer.builder(stranger.issue(SeedStage.HOST).sslContext());

        try (SeedStage stage = SeedStage.start(dir, trusted, impostor, NettyGet.class)) {
            ChildJvm.Result result = originate(stage, stage.plainUrl("/politics"));

            assertEquals(1, result.exitCode(), result::toString);
            assertTrue(result.stderr().contains(FAILED + stage.standIn().tlsPort() + " failed: "), result::toString);
            assertTrue(result.stderr().contains("PKIX path building failed"), result::toString);
            assertNothingReachedTheServer(stage.standIn());
        }
    }

    @Test
    void silentServerFailsTheConnectOnceTheConnectTimeoutPasses() throws Exception {
        StandInServer.Builder silent = StandInServer.builder(trusted.issue(SeedStage.HOST).sslContext()).silentTls();

        try (SeedStage stage = SeedStage.start(dir, trusted, silent, NettyGet.class)) {
            ChildJvm.Result result = originate(stage, "--connect-timeout", "1000", stage.plainUrl("/politics"));

            assertEquals(1, result.exitCode(), result::toString);
            assertTrue(result.stderr().contains(FAILED + stage.standIn().tlsPort()
                    + " failed: the handshake timed out after 1000 ms"), result::toString);
            assertEquals(1, stage.standIn().tlsConnections(), stage.standIn()::summary);
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
