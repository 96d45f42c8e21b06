package org.tlsorigination.agent.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tlsorigination.agent.config.LoadedRules;
import org.tlsorigination.agent.config.RulesLoader;
import org.tlsorigination.agent.route.Decision;

/** The report is a rules file the agent's own loader reads as exactly the destinations it lists. */
class PlainTextReportTest {

    @TempDir
    Path dir;

    @Test
    void loadedAsRulesItOriginatesThePlainTextDestinationsAndAllowsTheAppsOwnTls() throws Exception {
        PlainTextDestinations seen = new PlainTextDestinations(10);
        seen.connected("api.example.org", 80);
        seen.connected("api.example.org", 80);
        seen.connected("10.1.2.3", 8080);
        seen.connected("github.com", 443);
        seen.securedByApp("github.com", 443);
        seen.connected("2001:db8::1", 80);
        seen.connected("under_score.example", 80);

        Path report = Files.writeString(dir.resolve("report.yaml"), new PlainTextReport(dir.resolve("report.yaml"),
                "tls-origination-agent test").render(seen));
        LoadedRules rules = RulesLoader.load(report);

        Map<String, String> routes = new TreeMap<>();
        rules.table().entries().forEach((host, ports) -> ports.forEach((port, decision) -> routes.put(host + ":"
                + port, decision == Decision.PASS ? "pass" : "TLS to " + decision.port())));
        assertEquals(Map.of("10.1.2.3:8080", "TLS to 443", "10.1.2.3:443", "pass", "api.example.org:80", "TLS to 443",
                "api.example.org:443", "pass", "github.com:443", "pass"), routes);
        String text = Files.readString(report);
        String caller = seen.snapshot().get(0).firstCaller();
        assertTrue(text.contains("# 2 plain-text connections, the first from " + caller
                + "\n- host: api.example.org\n  port: 80\n  targetPort: 443\n"), text);
        assertTrue(text.contains("# the app's own TLS, first from " + caller + "\n- host: github.com\n  port: 443\n"),
                text);
        assertTrue(text.contains("# not a rule the short form can hold: 2001:db8::1 port 80, 1 plain-text connection"),
                text);
        assertTrue(text.contains("# not a rule the short form can hold: under_score.example port 80,"), text);
    }

    @Test
    void aFullListSaysSoAndAnEmptyOneIsStillRules() throws Exception {
        PlainTextDestinations seen = new PlainTextDestinations(1);
        PlainTextReport report = new PlainTextReport(dir.resolve("report.yaml"), "tls-origination-agent test");
        Files.writeString(dir.resolve("empty.yaml"), report.render(seen));
        assertEquals(0, RulesLoader.load(dir.resolve("empty.yaml")).table().size());

        seen.connected("a.example", 80);
        seen.connected("b.example", 80);

        assertTrue(report.render(seen).contains("# Capped at 1 destinations: 1 more connects went to others, which "
                + "are not listed.\n"));
    }

    @Test
    void eachWriteReplacesTheFileWholeAndLeavesNothingBeside() throws Exception {
        Path file = dir.resolve("report.yaml");
        PlainTextReport report = new PlainTextReport(file, "tls-origination-agent test");

        report.write();
        report.write();

        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.collect(Collectors.toList()));
        }
        assertTrue(Files.readString(file).startsWith("# Plain-text destinations that no rule covers"));
    }
}
