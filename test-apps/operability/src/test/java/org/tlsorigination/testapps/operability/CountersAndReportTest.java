package org.tlsorigination.testapps.operability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tlsorigination.testapps.harness.CertificateAuthority;
import org.tlsorigination.testapps.harness.ChildJvm;
import org.tlsorigination.testapps.harness.SeedStage;
import org.tlsorigination.testapps.harness.StandInServer;
import org.tlsorigination.testapps.jdk.Poll;

/**
 * One poller under the agent, with a report file, through every counter: originated and resumed, a CA rotated to
 * one the server's certificate does not chain to, a broken version, a version that leaves edition.cnn.com to
 * plain text, then one that refuses it. The MBeans are read from outside, as jconsole reads them, and the report the
 * JVM leaves behind is a rules file that originates exactly what went out in plain text. Once the app is refused,
 * every counter is held against what the server accepted.
 */
class CountersAndReportTest {
    @TempDir
    Path dir;

    @Test
    void everyCounterAndTheReportFollowWhatTheAppDoes() throws Exception {
        CertificateAuthority serverCa = CertificateAuthority.create("server CA");
        try (SeedStage stage = SeedStage.start(dir, serverCa,
                StandInServer.builder(serverCa.issue(SeedStage.HOST).sslContext()), Poll.class)) {
            int plainPort = stage.standIn().plainPort();
            Path ca = serverCa.writeCertificatePem(dir.resolve("ca.pem"));
            Path rules = Files.writeString(dir.resolve("rules.yaml"),
                    Rules.originating(plainPort, stage.standIn().tlsPort(), ca));
            Path report = dir.resolve("report.yaml");
            Path stop = dir.resolve("stop");
            ChildJvm.Running poller = stage.withAgent(rules, stage.plainUrl("/politics"), "100", "3000",
                            stop.toString())
                    .systemProperty("tlsorigination.reloadInterval", "200")
                    .systemProperty("tlsorigination.report", report.toString())
                    .systemProperty("tlsorigination.log", "debug")
                    .systemProperty("http.keepAlive", "false")
                    .timeout(Duration.ofSeconds(120))
                    .start();
            String route = SeedStage.HOST + ":" + plainPort;
            long plainText;
            Await.until(poller, "the first request over TLS", () -> stage.standIn().tlsHandshakes() > 0);
            try (ManagementConnection jmx = ManagementConnection.to(ManagementConnection.pidOf(stop.toString()))) {
                Await.until(poller, "the agent's MBean", () -> jmx.registered(ManagementConnection.AGENT));
                Await.until(poller, "a resumed session", () -> jmx.agent("SessionsResumed") >= 1);
                assertTrue(poller.stderrSoFar().contains("[tls-origination] 1 TLS origination rules loaded from "
                        + rules + " (2 resources) by tls-origination-agent 0.1.0-SNAPSHOT; instrumenting "
                        + "HttpURLConnection, "), poller::stderrSoFar);
                assertTrue(poller.stderrSoFar().contains("; reporting plain-text destinations to " + report + "\n"));
                assertTrue(poller.stderrSoFar().contains("[tls-origination] originated " + route + " over TLS to port "
                        + stage.standIn().tlsPort() + ": TLSv1.3, TLS_"), poller::stderrSoFar);
                assertTrue(poller.stderrSoFar().matches("(?s).*, new session, handshake \\d+ ms\n.*"));
                assertTrue(poller.stderrSoFar().matches("(?s).*, resumed session, handshake \\d+ ms\n.*"));
                assertTrue(jmx.route(SeedStage.HOST, plainPort, "ConnectionsOriginated") >= 2);
                assertEquals(1, jmx.attribute(ManagementConnection.AGENT, "RuleCount"));
                assertEquals(rules.toString(), jmx.attribute(ManagementConnection.AGENT, "RulesFile"));
                Instant.parse((String) jmx.attribute(ManagementConnection.AGENT, "LastReload"));
                assertEquals(0, jmx.agent("HandshakeFailures") + jmx.agent("PlainTextConnections")
                        + jmx.agent("ConnectionsRefused") + jmx.agent("ReloadsSucceeded"));

                Rules.replace(ca, Files.readString(CertificateAuthority.create("rotated CA")
                        .writeCertificatePem(dir.resolve("rotated.pem"))));
                Await.until(poller, "handshakes failing on the rotated CA",
                        () -> jmx.route(SeedStage.HOST, plainPort, "HandshakeFailures") >= 2);
                assertTrue(poller.stderrSoFar().contains("reloaded 1 TLS origination rules from " + rules
                        + ": TLS material rotated " + ca + "\n"), poller::stderrSoFar);
                assertTrue(jmx.agent("HandshakeFailures") >= 2);

                Rules.replace(rules, "kind: [unclosed");
                Await.until(poller, "the broken version counted", () -> jmx.agent("ReloadsFailed") == 1);
                Rules.replace(rules, Rules.otherHostOnly("ALLOW_ANY"));
                Await.until(poller, "plain-text connections", () -> jmx.agent("PlainTextConnections") >= 3);
                assertEquals(1, jmx.agent("ReloadsFailed"), "one broken version, however often retried");
                assertTrue(poller.stderrSoFar().contains("reloaded 0 TLS origination rules from " + rules
                        + ": routes removed " + route + "\n"), poller::stderrSoFar);
                Await.until(poller, "the report", () -> Files.exists(report)
                        && Files.readString(report).contains("- host: " + SeedStage.HOST + "\n"));

                Rules.replace(rules, Rules.otherHostOnly("REGISTRY_ONLY"));
                Await.until(poller, "refused connections", () -> jmx.agent("ConnectionsRefused") >= 2);
                assertEquals(3, jmx.agent("ReloadsSucceeded"));
                assertEquals(0, jmx.attribute(ManagementConnection.AGENT, "RuleCount"));
                plainText = jmx.agent("PlainTextConnections");
                StandInServer standIn = stage.standIn();
                assertEquals(standIn.plainConnections(), plainText, standIn::summary);
                assertEquals(standIn.tlsHandshakes(), jmx.agent("ConnectionsOriginated"), standIn::summary);
                assertEquals(standIn.tlsConnections() - standIn.tlsHandshakes(), jmx.agent("HandshakeFailures"),
                        standIn::summary);
                assertEquals(standIn.tlsHandshakes() - standIn.fullHandshakes(), jmx.agent("SessionsResumed"),
                        standIn::summary);
            }

            Files.writeString(stop, "");
            assertEquals(0, poller.await().exitCode());
            String written = Files.readString(report);
            assertTrue(written.contains("# " + plainText + " plain-text connections, the first from "
                    + Poll.class.getName() + "\n- host: " + SeedStage.HOST + "\n  port: " + plainPort
                    + "\n  targetPort: 443\n"), written);
            try (Stream<Path> files = Files.list(dir)) {
                assertEquals(List.of(), files.filter(f -> f.getFileName().toString().endsWith(".tmp"))
                        .collect(Collectors.toList()), "the report is written beside itself, then renamed");
            }
            ChildJvm.Result check = AgentCommandLine.run("check", report.toString());
            assertEquals(0, check.exitCode(), check::toString);
            assertEquals(List.of("route host=edition.cnn.com port=443 tls=none",
                    "route host=edition.cnn.com port=" + plainPort + " targetPort=443 tls=SIMPLE sni=edition.cnn.com "
                            + "trust=jvm-default verify=hostname clientCertificate=none"),
                    check.stdout().lines().filter(line -> line.startsWith("route ")).collect(Collectors.toList()),
                    check::toString);
        }
    }
}
