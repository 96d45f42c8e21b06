package org.tlsorigination.testapps.okhttp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.tlsorigination.testapps.harness.CertificateAuthority;
import org.tlsorigination.testapps.harness.ChildJvm;
import org.tlsorigination.testapps.harness.FamilyMatrixTest;
import org.tlsorigination.testapps.harness.SeedStage;
import org.tlsorigination.testapps.harness.StandInRequest;
import org.tlsorigination.testapps.harness.StandInServer;

/**
 * What OkHttp brings of its own to an originated connection, its ConnectionSpec, ALPN, hostname verifier and read
 * timeout, gives way to the rule's TLS settings; and its plain connect never meets the agent's guard.
 */
class OkHttpTlsTest extends FamilyMatrixTest {
    private static final String HOST = SeedStage.HOST;

    private final CertificateAuthority ca = CertificateAuthority.create("stage CA");

    /** Nor does the agent miss a hook in this OkHttp, which it would say at start-up. */
    @Test
    void serverSeesTheAppsRequestAndTheGuardNeverRefusesOkHttp() throws Exception {
        try (SeedStage stage = stage(StandInServer.builder(ca.issue(HOST).sslContext()))) {
            ChildJvm.Result result = fetch(stage);

            assertEquals(0, result.exitCode(), result::toString);
            assertFalse(result.stderr().contains("refused a plain-text connection"), result::toString);
            assertFalse(result.stderr().contains("cannot be instrumented"), result::toString);
            StandInRequest request = stage.standIn().requests().get(0);
            assertEquals("GET /politics", request.method() + " " + request.path(), stage.standIn()::summary);
            assertEquals(HOST + ":" + stage.standIn().plainPort(), request.host(), stage.standIn()::summary);
            assertEquals(0, stage.standIn().plainConnections(), stage.standIn()::summary);
        }
    }

    /** OkHttp offers h2 on its own https; on an originated connection the rule's ALPN, http/1.1, is what it offers. */
    @Test
    void alpnIsTheRulesNotOkHttps() throws Exception {
        try (SeedStage stage = stage(StandInServer.builder(ca.issue(HOST).sslContext()).alpn("h2", "http/1.1"))) {
            ChildJvm.Result result = fetch(stage);

            assertEquals(0, result.exitCode(), result::toString);
            assertEquals("http/1.1", stage.standIn().connections().get(0).alpn(), stage.standIn()::toString);
        }
    }

    /** OkHttp's default ConnectionSpec allows TLS 1.2; it only narrows the rule's versions, never widens them. */
    @Test
    void minimumVersionTls13RefusesATls12OnlyServer() throws Exception {
        try (SeedStage stage = stage(StandInServer.builder(ca.issue(HOST).sslContext()).tlsProtocols("TLSv1.2"))) {
            ChildJvm.Result tls12 = fetch(stage);
            ChildJvm.Result tls13Only = fetch(stage, "minProtocolVersion: TLSv1.3");

            assertEquals(0, tls12.exitCode(), tls12::toString);
            assertEquals("TLSv1.2", stage.standIn().connections().get(0).protocol(), stage.standIn()::toString);
            assertFailedNamingTheHost(tls13Only, stage, "failed: ");
            assertEquals(1, stage.standIn().requests().size(), stage.standIn()::summary);
        }
    }

    /** OkHttp's own hostname verifier would refuse this certificate for edition.cnn.com; the rule's check decides. */
    @Test
    void sniOverrideIsSentAndChecked() throws Exception {
        try (SeedStage stage = stage(StandInServer.builder(ca.issue("origin.cnn.internal").sslContext()))) {
            ChildJvm.Result accepted = fetch(stage, "sni: origin.cnn.internal");
            ChildJvm.Result refused = fetch(stage);

            assertEquals(0, accepted.exitCode(), accepted::toString);
            assertEquals("origin.cnn.internal", stage.standIn().requests().get(0).sni(), stage.standIn()::summary);
            assertFailedNamingTheHost(refused, stage, "failed: ");
            assertTrue(refused.stderr().contains("No subject alternative DNS name matching " + HOST), refused::toString);
        }
    }

    /** An app that turned its read timeout off still gets a bounded handshake: the agent's. */
    @Test
    void withoutReadTimeoutTheAgentsHandshakeTimeoutBoundsTheHandshake() throws Exception {
        try (SeedStage stage = stage(StandInServer.builder(ca.issue(HOST).sslContext()).silentTls())) {
            ChildJvm.Result result = client.withAgent(stage, rules(stage), "--read-timeout", "0",
                            stage.plainUrl("/politics"))
                    .systemProperty("tlsorigination.handshakeTimeout", "1000")
                    .run();

            assertFailedNamingTheHost(result, stage, "failed: the handshake timed out after 1000 ms");
            assertTrue(result.stderr().contains("error: SocketTimeoutException: "), result::toString);
        }
    }

    private SeedStage stage(StandInServer.Builder standIn) throws Exception {
        return SeedStage.start(dir, ca, standIn, OkHttpGet.class);
    }

    private ChildJvm.Result fetch(SeedStage stage, String... tlsFields) throws Exception {
        return client.withAgent(stage, rules(stage, tlsFields), stage.plainUrl("/politics")).run();
    }

    /** The short form: the stand-in's plain port goes to its TLS port, with the given {@code tls} fields. */
    private Path rules(SeedStage stage, String... tlsFields) throws Exception {
        StringBuilder rules = new StringBuilder("originate:\n- host: " + HOST + "\n  port: "
                + stage.standIn().plainPort() + "\n  targetPort: " + stage.standIn().tlsPort() + "\n  tls: {"
                + String.join(", ", tlsFields) + "}\n");
        return Files.writeString(dir.resolve("rules.yaml"), rules);
    }

    private static void assertFailedNamingTheHost(ChildJvm.Result result, SeedStage stage, String reason) {
        assertEquals(1, result.exitCode(), result::toString);
        assertTrue(result.stderr().contains("TLS origination to " + HOST + ":" + stage.standIn().tlsPort() + " "
                + reason), result::toString);
        assertEquals(0, stage.standIn().plainConnections(), stage.standIn()::summary);
    }
}
