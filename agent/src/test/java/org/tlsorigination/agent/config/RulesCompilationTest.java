package org.tlsorigination.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.tlsorigination.agent.config.RulesFiles.CNN_SERVICE_ENTRY;
import static org.tlsorigination.agent.config.RulesFiles.withinBounds;
import static org.tlsorigination.agent.config.RulesFiles.write;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tlsorigination.agent.route.RouteTable;

/** How rules compile: each row is a rules file and what it must decide for some connections, or note and warn. */
class RulesCompilationTest {
    private static final String SIMPLE = "ORIGINATE(443, SIMPLE ca=default)";
    private static final String V1 = "apiVersion: networking.istio.io/v1";

    @TempDir
    Path dir;

    @BeforeEach
    void caFile() throws Exception {
        Files.writeString(Files.createDirectory(dir.resolve("certs")).resolve("ca.pem"), "not read here");
    }

    static Stream<Arguments> decisions() {
        return Stream.of(
                row("a wildcard covers subdomains but not the domain itself", rules(
                        entry("cnn", "['*.cnn.com']", "{number: 443, name: https}"),
                        rule("cnn", "'*.cnn.com'", "{tls: {mode: SIMPLE}}")),
                        "edition.cnn.com:443 -> " + SIMPLE, "a.b.cnn.com:443 -> " + SIMPLE, "cnn.com:443 -> UNDECLARED",
                        "edition.cnn.com:80 -> UNDECLARED"),
                row("an exact host beats a wildcard, even to turn TLS off", rules(
                        entry("cnn", "['*.cnn.com']", "{number: 443}"),
                        rule("all-cnn", "'*.cnn.com'", "{tls: {mode: SIMPLE}}"),
                        rule("plain-edition", "edition.cnn.com", "{tls: {mode: DISABLE}}")),
                        "edition.cnn.com:443 -> PASS", "www.cnn.com:443 -> " + SIMPLE),
                row("a longer wildcard beats a shorter one", rules(
                        entry("com", "['*.com', '*.cnn.com']", "{number: 80, targetPort: 443}"),
                        rule("com", "'*.com'", "{tls: {mode: SIMPLE}}"),
                        rule("cnn", "'*.cnn.com'", "{tls: {mode: SIMPLE, sni: cnn.example}}")),
                        "edition.cnn.com:80 -> ORIGINATE(443, SIMPLE sni=cnn.example ca=default)",
                        "example.com:80 -> " + SIMPLE, "example.com:443 -> PASS"),
                row("host names compare case-insensitively", rules(
                        entry("cnn", "[Edition.CNN.com]", "{number: 80, targetPort: 443}"),
                        rule("cnn", "EDITION.cnn.COM", "{tls: {mode: SIMPLE}}")),
                        "edition.cnn.com:80 -> " + SIMPLE, "EDITION.CNN.COM:80 -> " + SIMPLE,
                        "edition.cnn.com.:80 -> " + SIMPLE),
                row("an http rule without match applies to every port", rules(
                        entry("cnn", "[edition.cnn.com]", "{number: 80}, {number: 443}, {number: 8080}"),
                        service("cnn", "[edition.cnn.com]", "- route: [{destination: {host: edition.cnn.com, port: "
                                + "{number: 443}}, weight: 100}]"),
                        rule("cnn", "edition.cnn.com", "{tls: {mode: SIMPLE}}")),
                        "edition.cnn.com:80 -> " + SIMPLE, "edition.cnn.com:8080 -> " + SIMPLE,
                        "edition.cnn.com:443 -> " + SIMPLE),
                row("the first matching http rule wins", rules(
                        entry("cnn", "[edition.cnn.com]", "{number: 80}, {number: 443}, {number: 8443}"),
                        service("cnn", "[edition.cnn.com]",
                                "- {match: [{port: 80}], route: [{destination: {host: edition.cnn.com, port: "
                                        + "{number: 8443}}}]}",
                                "- route: [{destination: {host: edition.cnn.com, port: {number: 443}}}]",
                                "- {match: [{port: 443}], route: [{destination: {host: edition.cnn.com, port: "
                                        + "{number: 8443}}}]}"),
                        rule("cnn", "edition.cnn.com", "{tls: {mode: SIMPLE}}")),
                        "edition.cnn.com:80 -> ORIGINATE(8443, SIMPLE ca=default)",
                        "edition.cnn.com:443 -> " + SIMPLE, "edition.cnn.com:8443 -> " + SIMPLE),
                row("a wildcard VirtualService routes each host that reaches it", rules(
                        entry("cnn", "['*.cnn.com']", "{number: 80}, {number: 443}"),
                        service("cnn", "['*.cnn.com']", "- route: [{destination: {host: '*.cnn.com', port: "
                                + "{number: 443}}}]"),
                        rule("cnn", "'*.cnn.com'", "{tls: {mode: SIMPLE}}")),
                        "edition.cnn.com:80 -> " + SIMPLE, "www.cnn.com:80 -> " + SIMPLE),
                row("a port-level entry without tls replaces the host's tls", rules(
                        entry("cnn", "[edition.cnn.com]", "{number: 80}, {number: 443}"),
                        rule("cnn", "edition.cnn.com", "{tls: {mode: SIMPLE}, portLevelSettings: [{port: {number: 80},"
                                + " loadBalancer: {simple: ROUND_ROBIN}}]}")),
                        "edition.cnn.com:80 -> PASS", "edition.cnn.com:443 -> " + SIMPLE),
                row("CA files resolve against the rules file's directory", rules(
                        entry("cnn", "[edition.cnn.com]", "{number: 443}"),
                        rule("cnn", "edition.cnn.com", "{tls: {mode: SIMPLE, caCertificates: certs/ca.pem, sni: "
                                + "edition.cnn.com}}")),
                        "edition.cnn.com:443 -> ORIGINATE(443, SIMPLE sni=edition.cnn.com ca={dir}/certs/ca.pem)"),
                row("empty documents are skipped", "---\n# nothing here\n---\n" + String.join("\n", CNN_SERVICE_ENTRY)
                        + "\n---\n---\n", "edition.cnn.com:80 -> PASS", "edition.cnn.com:443 -> PASS"),
                row("a byte order mark is read as nothing", "\ufeff" + String.join("\n", CNN_SERVICE_ENTRY),
                        "edition.cnn.com:80 -> PASS"),
                row("hosts sharing their resources share their decisions", rules(
                        entry("many", "[" + hosts(1_000) + "]", ports(100)),
                        rule("many", "h7.example", "{tls: {mode: SIMPLE}}")),
                        "h7.example:99 -> ORIGINATE(99, SIMPLE ca=default)", "h8.example:99 -> PASS",
                        "h999.example:1 -> PASS", "h999.example:101 -> UNDECLARED"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decisions")
    void compilesToTheseDecisions(String name, String rules, List<String> expected) throws Exception {
        Path file = write(dir, rules);

        RouteTable table = withinBounds(() -> RulesLoader.load(file)).table();

        List<String> decided = expected.stream().map(probe -> probe.substring(0, probe.indexOf(" -> ")))
                .map(hostPort -> hostPort + " -> " + table.route(hostPort.substring(0, hostPort.lastIndexOf(':')),
                        Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1))))
                .collect(Collectors.toList());
        assertEquals(expected.stream().map(line -> line.replace("{dir}", dir.toString())).collect(Collectors.toList()),
                decided);
    }

    static Stream<Arguments> messages() {
        String insecure = ": DestinationRule cnn: spec.trafficPolicy.tls.insecureSkipVerify: turns off certificate "
                + "and host name checks for ";
        String notApplicable = "not applicable in-process, ignored";
        return Stream.of(
                Arguments.of("insecureSkipVerify is warned once, naming the routes", rules(
                        entry("cnn", "[edition.cnn.com]", "{number: 80, targetPort: 443}, {number: 443}"),
                        rule("cnn", "edition.cnn.com", "{tls: {mode: SIMPLE, insecureSkipVerify: true}}")),
                        List.of(), List.of("{file}:13" + insecure + "edition.cnn.com:80 (TLS to port 443), "
                                + "edition.cnn.com:443")),
                Arguments.of("insecureSkipVerify for many routes names three and counts the rest", rules(
                        entry("many", "[" + hosts(5) + ", '*.example']", ports(2)),
                        rule("cnn", "'*.example'", "{tls: {mode: SIMPLE, insecureSkipVerify: true}}")),
                        List.of(), List.of("{file}:13" + insecure + "h0.example:1, h1.example:1, h2.example:1 and 9 "
                                + "more routes")),
                Arguments.of("settings that cannot take effect are noted", rules(
                        entry("cnn", "[edition.cnn.com]", "{number: 443}]\n  resolution: NONE\n  location: "
                                + "MESH_EXTERNAL\n  exportTo: ['.'"),
                        rule("cnn", "edition.cnn.com", "{loadBalancer: {simple: ROUND_ROBIN}, tls: {sni: x}, "
                                + "portLevelSettings: [{port: {number: 443}, loadBalancer: {simple: LEAST_REQUEST}, "
                                + "tls: {mode: SIMPLE}}]}")),
                        List.of("{file}:7: ServiceEntry cnn: spec.resolution: not applicable in-process: the "
                                        + "application resolves the host itself",
                                "{file}:8: ServiceEntry cnn: spec.location: " + notApplicable,
                                "{file}:9: ServiceEntry cnn: spec.exportTo: " + notApplicable,
                                "{file}:16: DestinationRule cnn: spec.trafficPolicy.loadBalancer: " + notApplicable,
                                "{file}:16: DestinationRule cnn: spec.trafficPolicy.tls: mode is DISABLE, so the other "
                                        + "TLS settings here are ignored",
                                "{file}:16: DestinationRule cnn: spec.trafficPolicy.portLevelSettings[0].loadBalancer: "
                                        + notApplicable), List.of()),
                Arguments.of("a file with no rule says nothing will be originated", "# all commented out\n",
                        List.of(), List.of("{file}: no rule sends any host and port over TLS, so nothing will be "
                                + "originated")),
                Arguments.of("a file that only declares hosts says so too", String.join("\n", CNN_SERVICE_ENTRY),
                        List.of(), List.of("{file}: no rule sends any host and port over TLS, so nothing will be "
                                + "originated")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void notesAndWarns(String name, String rules, List<String> notes, List<String> warnings) throws Exception {
        Path file = write(dir, rules);

        LoadedRules loaded = withinBounds(() -> RulesLoader.load(file));

        assertEquals(withFile(notes, file), loaded.notes());
        assertEquals(withFile(warnings, file), loaded.warnings());
    }

    @ParameterizedTest
    @ValueSource(strings = {"networking.istio.io/v1alpha3", "networking.istio.io/v1beta1", "networking.istio.io/v1"})
    void everyIstioNetworkingApiVersionIsAccepted(String apiVersion) throws Exception {
        String seed = Files.readString(Path.of("..", "config", "edition-cnn-com.yaml"));

        RouteTable table = RulesLoader.load(write(dir, seed.replace("networking.istio.io/v1alpha3", apiVersion))).table();

        assertEquals(SIMPLE, table.route("edition.cnn.com", 80).toString());
    }

    @Test
    void equalTlsSettingsAreOneProfileAndEqualRoutesOneDecision() throws Exception {
        RouteTable table = RulesLoader.load(write(dir, rules(
                entry("two", "[a.example, b.example]", "{number: 80, targetPort: 443}"),
                rule("a", "a.example", "{tls: {mode: SIMPLE, subjectAltNames: [api.example]}}"),
                rule("b", "b.example", "{tls: {mode: SIMPLE, subjectAltNames: [api.example]}}")))).table();

        assertSame(table.route("a.example", 80).tls(), table.route("b.example", 80).tls());
        assertSame(table.route("a.example", 80), table.route("b.example", 80));
        assertEquals(1, table.originatingDecisions().size());
    }

    /** 2,000 hosts with a DestinationRule each would be 2,000,000 routes, over the limit, if equal rules did not share. */
    @Test
    void destinationRulesThatDecideAlikeShareOnePortTable() throws Exception {
        String[] documents = new String[2_001];
        documents[0] = entry("many", "[" + hosts(2_000) + "]", ports(1_000));
        for (int i = 0; i < 2_000; i++) {
            documents[i + 1] = rule("r" + i, "h" + i + ".example", "{tls: {mode: SIMPLE}}");
        }
        Path file = write(dir, rules(documents));

        RouteTable table = withinBounds(() -> RulesLoader.load(file)).table();

        assertEquals(2_000_000, table.size());
        assertEquals(1_000, table.originatingDecisions().size());
        assertSame(table.route("h1.example", 999), table.route("h1999.example", 999));
    }

    private static Arguments row(String name, String rules, String... decisions) {
        return Arguments.of(name, rules, List.of(decisions));
    }

    private static List<String> withFile(List<String> lines, Path file) {
        return lines.stream().map(line -> line.replace("{file}", file.toString())).collect(Collectors.toList());
    }

    private static String rules(String... documents) {
        return String.join("\n---\n", documents) + "\n";
    }

    private static String entry(String name, String hosts, String ports) {
        return V1 + "\nkind: ServiceEntry\nmetadata: {name: " + name + "}\nspec:\n  hosts: " + hosts
                + "\n  ports: [" + ports + "]";
    }

    private static String service(String name, String hosts, String... http) {
        return V1 + "\nkind: VirtualService\nmetadata: {name: " + name + "}\nspec:\n  hosts: " + hosts + "\n  http:\n"
                + Arrays.stream(http).map(rule -> "  " + rule).collect(Collectors.joining("\n"));
    }

    private static String rule(String name, String host, String trafficPolicy) {
        return V1 + "\nkind: DestinationRule\nmetadata: {name: " + name + "}\nspec:\n  host: " + host
                + "\n  trafficPolicy: " + trafficPolicy;
    }

    private static String hosts(int count) {
        return IntStream.range(0, count).mapToObj(i -> "h" + i + ".example").collect(Collectors.joining(", "));
    }

    private static String ports(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(p -> "{number: " + p + "}").collect(Collectors.joining(", "));
    }
}
