package org.tlsorigination.testapps.operability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tlsorigination.testapps.harness.ChildJvm;
import org.tlsorigination.testapps.harness.SeedStage;
import org.tlsorigination.testapps.harness.StandInRequest;
import org.tlsorigination.testapps.harness.StandInServer;
import org.tlsorigination.testapps.jdk.Poll;

/**
 * The rollout path: an app run with a report and rules that do not name its destination leaves a report that
 * counts the connections the server saw in plain text; that report, its target port set to the server's TLS port,
 * is then the rules file, and the same app's requests arrive over TLS while a host the report does not list stays
 * plain.
 */
class ReportAsRulesTest {
    private static final String UNLISTED = "api.example";

    @TempDir
    Path dir;

    @Test
    void theReportUsedAsRulesOriginatesExactlyWhatWentOutInPlainText() throws Exception {
        try (SeedStage stage = SeedStage.start(dir, Poll.class, UNLISTED)) {
            StandInServer standIn = stage.standIn();
            Path report = dir.resolve("report.yaml");
            ChildJvm.Result discovery = poll(stage, Files.writeString(dir.resolve("rules.yaml"),
                    Rules.otherHostOnly("ALLOW_ANY")), stage.plainUrl("/politics"))
                    .systemProperty("tlsorigination.report", report.toString())
                    .run();
            assertEquals(0, discovery.exitCode(), discovery::toString);
            assertEquals(4, standIn.plainConnections(), standIn::summary);
            String written = Files.readString(report);
            assertTrue(written.contains("# 4 plain-text connections, the first from " + Poll.class.getName()
                    + "\n- host: " + SeedStage.HOST + "\n  port: " + standIn.plainPort() + "\n  targetPort: 443\n"),
                    written);

            Path rules = Files.writeString(dir.resolve("from-report.yaml"),
                    written.replace("targetPort: 443", "targetPort: " + standIn.tlsPort()));
            ChildJvm.Result enforced = poll(stage, rules, stage.plainUrl("/politics")).run();
            ChildJvm.Result unlisted = poll(stage, rules,
                    "http://" + UNLISTED + ":" + standIn.plainPort() + "/unlisted").run();

            assertEquals(List.of("1 200", "2 200", "3 200", "4 200"), enforced.stdout().lines()
                    .collect(Collectors.toList()), enforced::toString);
            assertEquals(0, unlisted.exitCode(), unlisted::toString);
            List<StandInRequest> after = standIn.requests().subList(4, standIn.requests().size());
            assertEquals(8, after.size(), standIn::summary);
            for (StandInRequest request : after) {
                boolean listed = request.path().equals("/politics");
                assertEquals(listed, request.tls(), standIn::summary);
                assertEquals(listed ? SeedStage.HOST : null, request.sni(), standIn::summary);
            }
            assertEquals(4, standIn.tlsHandshakes(), standIn::summary);
            assertEquals(8, standIn.plainConnections(), "only the unlisted host in plain text: " + standIn.summary());
        }
    }

    private static ChildJvm poll(SeedStage stage, Path rules, String url) throws Exception {
        return stage.withAgent(rules, url, "50", "4", "no-stop-file")
                .systemProperty("http.keepAlive", "false")
                .timeout(Duration.ofSeconds(60));
    }
}
