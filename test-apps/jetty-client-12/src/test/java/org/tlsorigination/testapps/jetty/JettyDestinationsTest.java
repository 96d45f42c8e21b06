package org.tlsorigination.testapps.jetty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.tlsorigination.testapps.harness.CertificateAuthority;
import org.tlsorigination.testapps.harness.ChildJvm;
import org.tlsorigination.testapps.harness.FamilyMatrixTest;
import org.tlsorigination.testapps.harness.RulesText;
import org.tlsorigination.testapps.harness.SeedStage;
import org.tlsorigination.testapps.harness.StandInConnection;
import org.tlsorigination.testapps.harness.StandInRequest;
import org.tlsorigination.testapps.harness.StandInServer;

/** What the contract leaves out on Jetty: one client's http and https destinations for one host, and the policy. */
class JettyDestinationsTest extends FamilyMatrixTest {
    private static final String UNDECLARED_HOST = "www.example.com";

    /**
     * The rule's engines offer ALPN http/1.1 and Jetty's own HTTP/1.1 https offers none, so the server tells the two
     * TLS layers apart: each destination keeps its own pool and its own TLS, and neither trips the guard.
     */
    @Test
    void plainAndHttpsDestinationsOfOneHostKeepTheirOwnPoolsAndTls() throws Exception {
        CertificateAuthority ca = CertificateAuthority.create("stage CA");
        StandInServer.Builder alpn = StandInServer.builder(ca.issue(SeedStage.HOST).sslContext()).alpn("http/1.1");
        try (SeedStage stage = SeedStage.start(dir, ca, alpn, JettyGet.class)) {
            ChildJvm.Result result = client.originate(stage, "--requests", "2",
                    stage.plainUrl("/politics"), stage.tlsUrl("/politics")).run();

            assertEquals(0, result.exitCode(), result::toString);
            assertEquals(4, result.stdout().lines().count(), result::toString);
            StandInServer standIn = stage.standIn();
            assertEquals(2, standIn.tlsConnections(), standIn::summary);
            assertEquals(2, standIn.tlsHandshakes(), standIn::summary);
            assertEquals(0, standIn.plainConnections(), standIn::summary);
            assertEquals(List.of("http/1.1", ""), standIn.connections().stream().map(StandInConnection::alpn)
                    .collect(Collectors.toList()), standIn::summary);
            String plainHost = SeedStage.HOST + ":" + standIn.plainPort();
            String tlsHost = SeedStage.HOST + ":" + standIn.tlsPort();
            assertEquals(List.of(plainHost, plainHost, tlsHost, tlsHost), standIn.requests().stream()
                    .map(StandInRequest::host).collect(Collectors.toList()), standIn::summary);
            assertEquals(List.of("/politics", "/politics", "/politics", "/politics"), standIn.requests().stream()
                    .map(StandInRequest::path).collect(Collectors.toList()), standIn::summary);
            assertFalse(result.stderr().contains("refused a plain-text connection"), result::toString);
            assertFalse(result.stderr().contains("cannot be instrumented"), result::toString);
        }
    }

    /** Jetty's connect asks the same route table, and a refusal fails the request before a byte leaves. */
    @Test
    void registryOnlyRefusesAnUndeclaredHostAsAFailedConnect() throws Exception {
        try (SeedStage stage = SeedStage.start(dir, JettyGet.class, UNDECLARED_HOST)) {
            Path rules = Files.writeString(dir.resolve("rules.yaml"),
                    RulesText.registryOnly(stage.standIn().plainPort(), stage.standIn().tlsPort()));

            ChildJvm.Result result = client.withAgent(stage, rules,
                    "http://" + UNDECLARED_HOST + ":" + stage.standIn().plainPort() + "/politics").run();

            assertEquals(1, result.exitCode(), result::toString);
            assertTrue(result.stderr().contains("error: ConnectException: connection to " + UNDECLARED_HOST + ":"
                    + stage.standIn().plainPort() + " refused by outboundTrafficPolicy REGISTRY_ONLY"), result::toString);
            assertEquals(0, stage.standIn().connections().size(), stage.standIn()::summary);
        }
    }
}
