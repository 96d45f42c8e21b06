package org.tlsorigination.testapps.jdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tlsorigination.testapps.harness.CertificateAuthority;
import org.tlsorigination.testapps.harness.ChildJvm;
import org.tlsorigination.testapps.harness.ConfigMapVolume;
import org.tlsorigination.testapps.harness.RulesText;
import org.tlsorigination.testapps.harness.SeedStage;
import org.tlsorigination.testapps.harness.StandInRequest;
import org.tlsorigination.testapps.harness.StandInServer;

/**
 * Rules and certificates change while the app runs: a poller in a child JVM opens a new connection every 100 ms,
 * and the stand-in shows which settings each connection got.
 */
class ReloadTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private final CertificateAuthority serverCa = CertificateAuthority.create("server CA");
    private SeedStage stage;
    private ChildJvm.Running poller;

    @AfterEach
    void stop() throws Exception {
        if (poller != null) {
            Files.writeString(dir.resolve("stop"), "");
            poller.await();
        }
        stage.close();
    }

    @Test
    void editorRenamingANewFileOverTheRulesSwitchesNewConnectionsToTls() throws Exception {
        stage = SeedStage.start(dir, Poll.class);
        Path rules = dir.resolve("rules.yaml");
        Files.writeString(rules, RulesText.passing(plainPort()));
        startPoller(rules);
        await(() -> standIn().plainConnections() > 0, "the first plain requests");

        replaceByRename(rules, RulesText.originating(plainPort(), tlsPort(), "mode: SIMPLE"));

        await(() -> standIn().requests().stream().anyMatch(StandInRequest::tls), "a request over TLS");
        await(() -> stderr().contains("reloaded 1 TLS origination rules from " + rules), "the reload line");
    }

    @Test
    void invalidVersionKeepsTheLastGoodRulesAndIsRetriedWhenFixed() throws Exception {
        stage = SeedStage.start(dir, Poll.class);
        Path rules = dir.resolve("rules.yaml");
        Files.writeString(rules, RulesText.originating(plainPort(), tlsPort(), "mode: SIMPLE"));
        startPoller(rules);
        await(() -> standIn().requests().size() >= 2, "requests over TLS");

        replaceByRename(rules, RulesText.originating(plainPort(), tlsPort(), "mode: SIMPEL"));
        await(() -> stderr().contains("keeping the last good rules"), "the error line");
        int requestsWhileBroken = standIn().requests().size();
        await(() -> standIn().requests().size() >= requestsWhileBroken + 5, "more requests while the file is broken");
        replaceByRename(rules, RulesText.originating(plainPort(), tlsPort(), "mode: SIMPLE", "sni: " + SeedStage.HOST));
        await(() -> stderr().contains("reloaded 1 TLS origination rules"), "the reload line");

        assertTrue(stderr().contains(rules + ":16: DestinationRule cnn: spec.trafficPolicy.tls.mode: 'SIMPEL' is not a "
                + "TLS mode"), this::stderr);
        assertEquals(1, Occurrences.of("keeping the last good rules", stderr()), this::stderr);
        assertTrue(standIn().requests().stream().allMatch(StandInRequest::tls), standIn()::summary);
        assertEquals(0, standIn().plainConnections(), standIn()::summary);
    }

    @Test
    void configMapSymlinkSwapIsPickedUp() throws Exception {
        stage = SeedStage.start(dir, Poll.class);
        ConfigMapVolume volume = new ConfigMapVolume(dir.resolve("config"));
        volume.publish("rules.yaml", RulesText.passing(plainPort()));
        startPoller(volume.file("rules.yaml"));
        await(() -> standIn().plainConnections() > 0, "the first plain requests");

        volume.publish("rules.yaml", RulesText.originating(plainPort(), tlsPort(), "mode: SIMPLE"));

        await(() -> standIn().requests().stream().anyMatch(StandInRequest::tls), "a request over TLS");
    }

    /** Istio's file-mounted certificates are known to miss the second rotation; five in a row must all land. */
    @Test
    void fiveSuccessiveClientCertificateRotationsAreEachPickedUp() throws Exception {
        CertificateAuthority clientCa = CertificateAuthority.create("client CA");
        stage = SeedStage.start(dir, serverCa, StandInServer.builder(serverCa.issue(SeedStage.HOST)
                .sslContextTrustingClientsOf(clientCa)).requireClientCertificate(), Poll.class);
        ConfigMapVolume secret = new ConfigMapVolume(dir.resolve("secret"));
        secret.publishTls(clientCa.issueClient("app-0", "EC"));
        Path ca = serverCa.writeCertificatePem(dir.resolve("ca.pem"));
        Path rules = Files.writeString(dir.resolve("rules.yaml"), RulesText.originating(plainPort(), tlsPort(),
                "mode: MUTUAL", "caCertificates: " + ca, "clientCertificate: " + secret.file("tls.crt"),
                "privateKey: " + secret.file("tls.key")));
        startPoller(rules);
        await(() -> sawClient("app-0"), "a connection as app-0");

        for (int rotation = 1; rotation <= 5; rotation++) {
            String name = "app-" + rotation;
            secret.publishTls(clientCa.issueClient(name, "EC"));
            await(() -> sawClient(name), "a connection as " + name);
        }
    }

    @Test
    void reloadFalseKeepsTheRulesOfStartUp() throws Exception {
        stage = SeedStage.start(dir, Poll.class);
        Path rules = dir.resolve("rules.yaml");
        Files.writeString(rules, RulesText.passing(plainPort()));
        startPoller(rules, "-Dtlsorigination.reload=false");
        await(() -> standIn().plainConnections() > 0, "the first plain requests");

        replaceByRename(rules, RulesText.originating(plainPort(), tlsPort(), "mode: SIMPLE"));
        int connectionsAfterChange = standIn().plainConnections();
        await(() -> standIn().plainConnections() >= connectionsAfterChange + 10, "ten more plain requests");

        assertEquals(0, standIn().tlsConnections(), standIn()::summary);
        assertFalse(stderr().contains("reloaded"), this::stderr);
    }

    private void startPoller(Path rules, String... jvmOptions) throws IOException {
        ChildJvm jvm = stage.withAgent(rules, stage.plainUrl("/politics"), "100", "400", dir.resolve("stop").toString())
                .systemProperty("tlsorigination.reloadInterval", "200")
                .systemProperty("http.keepAlive", "false")
                .timeout(Duration.ofSeconds(90));
        for (String option : jvmOptions) {
            jvm.jvmOption(option);
        }
        poller = jvm.start();
    }

    private boolean sawClient(String name) {
        return standIn().connections().stream().anyMatch(c -> ("CN=" + name).equals(c.clientSubject()));
    }

    private static void replaceByRename(Path file, String content) throws IOException {
        Path next = Files.writeString(file.resolveSibling(file.getFileName() + ".new"), content);
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline || !poller.isAlive()) {
                throw new AssertionError("waited " + PATIENCE.getSeconds() + " s for " + what + "; stand-in: "
                        + standIn().summary() + "\n--- poller stdout ---\n" + poller.stdoutSoFar()
                        + "\n--- poller stderr ---\n" + stderr());
            }
            Thread.sleep(50);
        }
    }

    private String stderr() {
        return poller.stderrSoFar();
    }

    private StandInServer standIn() {
        return stage.standIn();
    }

    private int plainPort() {
        return standIn().plainPort();
    }

    private int tlsPort() {
        return standIn().tlsPort();
    }
}
