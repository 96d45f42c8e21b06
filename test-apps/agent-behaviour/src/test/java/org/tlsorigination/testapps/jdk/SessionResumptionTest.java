package org.tlsorigination.testapps.jdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tlsorigination.testapps.harness.CertificateAuthority;
import org.tlsorigination.testapps.harness.ChildJvm;
import org.tlsorigination.testapps.harness.RulesText;
import org.tlsorigination.testapps.harness.SeedStage;
import org.tlsorigination.testapps.harness.StandInServer;

/** One SSLContext per TLS profile: a reconnect to the same host resumes its TLS session instead of a full handshake. */
class SessionResumptionTest {
    private static final int CONNECTIONS = 20;

    @TempDir
    Path dir;

    @Test
    void mostReconnectsResumeTheSession() throws Exception {
        CertificateAuthority ca = CertificateAuthority.create("server CA");
        try (SeedStage stage = SeedStage.start(dir, ca, StandInServer.builder(ca.issue(SeedStage.HOST).sslContext()),
                Poll.class)) {
            Path rules = Files.writeString(dir.resolve("rules.yaml"),
                    RulesText.originating(stage.standIn().plainPort(), stage.standIn().tlsPort(), "mode: SIMPLE"));

            ChildJvm.Result result = stage.withAgent(rules, stage.plainUrl("/politics"), "20",
                            String.valueOf(CONNECTIONS), dir.resolve("never").toString())
                    .systemProperty("http.keepAlive", "false")
                    .run();

            assertEquals(0, result.exitCode(), result::toString);
            assertEquals(CONNECTIONS, result.stdout().lines().filter(line -> line.endsWith(" 200")).count(),
                    result::toString);
            assertEquals(CONNECTIONS, stage.standIn().tlsConnections(), stage.standIn()::summary);
            assertEquals(CONNECTIONS, stage.standIn().tlsHandshakes(), stage.standIn()::summary);
            assertEquals(CONNECTIONS, stage.standIn().requests().size(), stage.standIn()::summary);
            long fullHandshakes = stage.standIn().fullHandshakes();
            assertTrue(fullHandshakes >= 1, "the first connection makes a full handshake");
            long resumed = stage.standIn().tlsHandshakes() - fullHandshakes;
            assertTrue(resumed >= CONNECTIONS * 3 / 4, resumed + " of " + CONNECTIONS + " connections resumed");
        }
    }
}
