package org.tlsorigination.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tlsorigination.agent.config.RulesFiles.CNN_SERVICE_ENTRY;
import static org.tlsorigination.agent.config.RulesFiles.concat;
import static org.tlsorigination.agent.config.RulesFiles.write;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tlsorigination.agent.route.Decision;
import org.tlsorigination.agent.route.RouteTable;
import org.tlsorigination.agent.route.TlsProfile;

class RulesCompilationTest {
    @TempDir
    Path dir;

    @Test
    void wildcardCoversSubdomainsButNotTheDomainItself() throws Exception {
        RouteTable table = RulesLoader.load(write(dir,
                "apiVersion: networking.istio.io/v1",
                "kind: ServiceEntry",
                "metadata: {name: cnn}",
                "spec:",
                "  hosts: ['*.cnn.com']",
                "  ports: [{number: 443, name: https}]",
                "---",
                "apiVersion: networking.istio.io/v1",
                "kind: DestinationRule",
                "metadata: {name: cnn}",
                "spec:",
                "  host: '*.cnn.com'",
                "  trafficPolicy: {tls: {mode: SIMPLE}}")).table();

        assertEquals(443, table.route("edition.cnn.com", 443).port());
        assertTrue(table.route("a.b.cnn.com", 443).originates());
        assertSame(Decision.UNDECLARED, table.route("cnn.com", 443));
        assertSame(Decision.UNDECLARED, table.route("edition.cnn.com", 80));
    }

    @Test
    void exactHostBeatsWildcardEvenWhenItTurnsTlsOff() throws Exception {
        RouteTable table = RulesLoader.load(write(dir,
                "apiVersion: networking.istio.io/v1",
                "kind: ServiceEntry",
                "metadata: {name: cnn}",
                "spec: {hosts: ['*.cnn.com'], ports: [{number: 443}]}",
                "---",
                "apiVersion: networking.istio.io/v1",
                "kind: DestinationRule",
                "metadata: {name: all-cnn}",
                "spec: {host: '*.cnn.com', trafficPolicy: {tls: {mode: SIMPLE}}}",
                "---",
                "apiVersion: networking.istio.io/v1",
                "kind: DestinationRule",
                "metadata: {name: plain-edition}",
                "spec: {host: edition.cnn.com, trafficPolicy: {tls: {mode: DISABLE}}}")).table();

        assertSame(Decision.PASS, table.route("edition.cnn.com", 443));
        assertTrue(table.route("www.cnn.com", 443).originates());
    }

    @Test
    void longerWildcardBeatsShorterOne() throws Exception {
        RouteTable table = RulesLoader.load(write(dir,
                "apiVersion: networking.istio.io/v1",
                "kind: ServiceEntry",
                "metadata: {name: com}",
                "spec: {hosts: ['*.com', '*.cnn.com'], ports: [{number: 80, targetPort: 443}]}",
                "---",
                "apiVersion: networking.istio.io/v1",
                "kind: DestinationRule",
                "metadata: {name: com}",
                "spec: {host: '*.com', trafficPolicy: {tls: {mode: SIMPLE}}}",
                "---",
                "apiVersion: networking.istio.io/v1",
                "kind: DestinationRule",
                "metadata: {name: cnn}",
                "spec: {host: '*.cnn.com', trafficPolicy: {tls: {mode: SIMPLE, sni: cnn.example}}}")).table();

        assertEquals("cnn.example", table.route("edition.cnn.com", 80).tls().sni());
        assertEquals(null, table.route("example.com", 80).tls().sni());
    }

    @Test
    void hostNamesCompareCaseInsensitively() throws Exception {
        RouteTable table = RulesLoader.load(write(dir,
                "apiVersion: networking.istio.io/v1",
                "kind: ServiceEntry",
                "metadata: {name: cnn}",
                "spec: {hosts: [Edition.CNN.com], ports: [{number: 80, targetPort: 443}]}",
                "---",
                "apiVersion: networking.istio.io/v1",
                "kind: DestinationRule",
                "metadata: {name: cnn}",
                "spec: {host: EDITION.cnn.COM, trafficPolicy: {tls: {mode: SIMPLE}}}")).table();

        assertEquals(443, table.route("edition.cnn.com", 80).port());
        assertEquals(443, table.route("EDITION.CNN.COM", 80).port());
    }

    @ParameterizedTest
    @ValueSource(strings = {"networking.istio.io/v1alpha3", "networking.istio.io/v1beta1", "networking.istio.io/v1"})
    void everyIstioNetworkingApiVersionIsAccepted(String apiVersion) throws Exception {
        String[] lines = Files.readAllLines(Path.of("..", "config", "edition-cnn-com.yaml")).stream()
                .map(line -> line.replace("networking.istio.io/v1alpha3", apiVersion))
                .toArray(String[]::new);

        RouteTable table = RulesLoader.load(write(dir, lines)).table();

        assertEquals(443, table.route("edition.cnn.com", 80).port());
    }

    @Test
    void httpRuleWithoutMatchAppliesToEveryPort() throws Exception {
        RouteTable table = RulesLoader.load(write(dir, concat(CNN_SERVICE_ENTRY,
                "  - number: 8080",
                "---",
                "apiVersion: networking.istio.io/v1",
                "kind: VirtualService",
                "metadata: {name: cnn}",
                "spec:",
                "  hosts: [edition.cnn.com]",
                "  http:",
                "  - route: [{destination: {host: edition.cnn.com, port: {number: 443}}, weight: 100}]",
                "---",
                "apiVersion: networking.istio.io/v1",
                "kind: DestinationRule",
                "metadata: {name: cnn}",
                "spec: {host: edition.cnn.com, trafficPolicy: {tls: {mode: SIMPLE}}}"))).table();

        assertEquals(443, table.route("edition.cnn.com", 80).port());
        assertEquals(443, table.route("edition.cnn.com", 8080).port());
        assertEquals(443, table.route("edition.cnn.com", 443).port());
    }

    @Test
    void portLevelEntryWithoutTlsReplacesTheHostsTls() throws Exception {
        RouteTable table = RulesLoader.load(write(dir, concat(CNN_SERVICE_ENTRY,
                "---",
                "apiVersion: networking.istio.io/v1",
                "kind: DestinationRule",
                "metadata: {name: cnn}",
                "spec:",
                "  host: edition.cnn.com",
                "  trafficPolicy:",
                "    tls: {mode: SIMPLE}",
                "    portLevelSettings:",
                "    - port: {number: 80}",
                "      loadBalancer: {simple: ROUND_ROBIN}"))).table();

        assertSame(Decision.PASS, table.route("edition.cnn.com", 80));
        assertTrue(table.route("edition.cnn.com", 443).originates());
    }

    @Test
    void equalTlsSettingsGiveOneSharedProfile() throws Exception {
        RouteTable table = RulesLoader.load(write(dir,
                "apiVersion: networking.istio.io/v1",
                "kind: ServiceEntry",
                "metadata: {name: two}",
                "spec: {hosts: [a.example, b.example], ports: [{number: 80, targetPort: 443}]}",
                "---",
                "apiVersion: networking.istio.io/v1",
                "kind: DestinationRule",
                "metadata: {name: a}",
                "spec: {host: a.example, trafficPolicy: {tls: {mode: SIMPLE, subjectAltNames: [api.example]}}}",
                "---",
                "apiVersion: networking.istio.io/v1",
                "kind: DestinationRule",
                "metadata: {name: b}",
                "spec: {host: b.example, trafficPolicy: {tls: {mode: SIMPLE, subjectAltNames: [api.example]}}}")).table();

        TlsProfile a = table.route("a.example", 80).tls();
        assertEquals(List.of("api.example"), a.subjectAltNames());
        assertSame(a, table.route("b.example", 80).tls());
    }

    @Test
    void caCertificatesResolveAgainstTheRulesFilesDirectory() throws Exception {
        Path ca = Files.writeString(Files.createDirectory(dir.resolve("certs")).resolve("ca.pem"), "unchecked here");
        RouteTable table = RulesLoader.load(write(dir, concat(CNN_SERVICE_ENTRY,
                "---",
                "apiVersion: networking.istio.io/v1",
                "kind: DestinationRule",
                "metadata: {name: cnn}",
                "spec:",
                "  host: edition.cnn.com",
                "  trafficPolicy: {tls: {mode: SIMPLE, caCertificates: certs/ca.pem, sni: edition.cnn.com}}"))).table();

        TlsProfile profile = table.route("edition.cnn.com", 443).tls();
        assertEquals(ca.toAbsolutePath().normalize(), profile.caCertificates());
        assertEquals("edition.cnn.com", profile.sni());
        assertFalse(profile.insecureSkipVerify());
    }

    @Test
    void insecureSkipVerifyIsWarnedForEachRoute() throws Exception {
        Path file = write(dir,
                "apiVersion: networking.istio.io/v1",
                "kind: ServiceEntry",
                "metadata: {name: cnn}",
                "spec: {hosts: [edition.cnn.com], ports: [{number: 80, targetPort: 443}, {number: 443}]}",
                "---",
                "apiVersion: networking.istio.io/v1",
                "kind: DestinationRule",
                "metadata: {name: cnn}",
                "spec:",
                "  host: edition.cnn.com",
                "  trafficPolicy:",
                "    tls:",
                "      mode: SIMPLE",
                "      insecureSkipVerify: true");

        LoadedRules rules = RulesLoader.load(file);

        assertTrue(rules.table().route("edition.cnn.com", 443).tls().insecureSkipVerify());
        String field = file + ":14: DestinationRule cnn: spec.trafficPolicy.tls.insecureSkipVerify: ";
        assertEquals(List.of(
                field + "turns off certificate and host name checks for edition.cnn.com:80 (TLS to port 443)",
                field + "turns off certificate and host name checks for edition.cnn.com:443"), rules.warnings());
    }

    @Test
    void settingsThatCannotTakeEffectAreNoted() throws Exception {
        Path file = write(dir,
                "apiVersion: networking.istio.io/v1",
                "kind: ServiceEntry",
                "metadata: {name: cnn}",
                "spec:",
                "  hosts: [edition.cnn.com]",
                "  ports: [{number: 443}]",
                "  resolution: NONE",
                "---",
                "apiVersion: networking.istio.io/v1",
                "kind: DestinationRule",
                "metadata: {name: cnn}",
                "spec:",
                "  host: edition.cnn.com",
                "  trafficPolicy:",
                "    tls: {sni: edition.cnn.com}");

        LoadedRules rules = RulesLoader.load(file);

        assertSame(Decision.PASS, rules.table().route("edition.cnn.com", 443));
        assertEquals(List.of(
                file + ":7: ServiceEntry cnn: spec.resolution: "
                        + "not applicable in-process: the application resolves the host itself",
                file + ":15: DestinationRule cnn: spec.trafficPolicy.tls: "
                        + "mode is DISABLE, so the other TLS settings here are ignored"), rules.notes());
    }

    @Test
    void fieldsWithoutMeaningInProcessAreNoted() throws Exception {
        Path file = write(dir,
                "apiVersion: networking.istio.io/v1",
                "kind: ServiceEntry",
                "metadata: {name: cnn, namespace: default, labels: {app: x}, annotations: {a: b}}",
                "spec:",
                "  hosts: [edition.cnn.com]",
                "  ports: [{number: 443}]",
                "  location: MESH_EXTERNAL",
                "  exportTo: ['.']",
                "---",
                "apiVersion: networking.istio.io/v1",
                "kind: DestinationRule",
                "metadata: {name: cnn}",
                "spec:",
                "  host: edition.cnn.com",
                "  trafficPolicy:",
                "    loadBalancer: {simple: ROUND_ROBIN}",
                "    portLevelSettings:",
                "    - port: {number: 443}",
                "      loadBalancer: {simple: LEAST_REQUEST}",
                "      tls: {mode: SIMPLE}");

        LoadedRules rules = RulesLoader.load(file);

        String notApplicable = "not applicable in-process, ignored";
        assertEquals(List.of(
                file + ":7: ServiceEntry cnn: spec.location: " + notApplicable,
                file + ":8: ServiceEntry cnn: spec.exportTo: " + notApplicable,
                file + ":16: DestinationRule cnn: spec.trafficPolicy.loadBalancer: " + notApplicable,
                file + ":19: DestinationRule cnn: spec.trafficPolicy.portLevelSettings[0].loadBalancer: "
                        + notApplicable), rules.notes());
    }

    @Test
    void emptyDocumentsAreSkipped() throws Exception {
        LoadedRules rules = RulesLoader.load(write(dir, concat(new String[] {"---", "# nothing here", "---"},
                concat(CNN_SERVICE_ENTRY, "---", "---"))));

        assertEquals(1, rules.resourceCount());
        assertSame(Decision.PASS, rules.table().route("edition.cnn.com", 80));
    }

    @Test
    void firstMatchingHttpRuleWins() throws Exception {
        RouteTable table = RulesLoader.load(write(dir, concat(CNN_SERVICE_ENTRY,
                "  - number: 8443",
                "---",
                "apiVersion: networking.istio.io/v1",
                "kind: VirtualService",
                "metadata: {name: cnn}",
                "spec:",
                "  hosts: [edition.cnn.com]",
                "  http:",
                "  - match: [{port: 80}]",
                "    route: [{destination: {host: edition.cnn.com, port: {number: 8443}}}]",
                "  - route: [{destination: {host: edition.cnn.com, port: {number: 443}}}]",
                "---",
                "apiVersion: networking.istio.io/v1",
                "kind: DestinationRule",
                "metadata: {name: cnn}",
                "spec: {host: edition.cnn.com, trafficPolicy: {tls: {mode: SIMPLE}}}"))).table();

        assertEquals(8443, table.route("edition.cnn.com", 80).port());
        assertEquals(443, table.route("edition.cnn.com", 8443).port());
    }
}
