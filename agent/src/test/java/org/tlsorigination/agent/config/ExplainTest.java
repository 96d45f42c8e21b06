package org.tlsorigination.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which resources decide a connection, found by the compiler's own decision, with where each is written. */
class ExplainTest {
    private static final Path CONFIG = Path.of("..", "config");

    @TempDir
    Path dir;

    @Test
    void theSeedsThreeResourcesEachTakePart() throws ConfigException {
        Path seed = CONFIG.resolve("edition-cnn-com.yaml");

        assertEquals(List.of(
                "ServiceEntry cnn (" + seed + ":10): declares edition.cnn.com port 80",
                "VirtualService rewrite-port-for-edition-cnn-com (" + seed + ":27): sends port 80 to port 443",
                "DestinationRule originate-tls-for-edition-cnn-com (" + seed + ":46): sets TLS mode SIMPLE for port 443"),
                explain(seed, "Edition.CNN.com", 80));
    }

    @Test
    void aTargetPortIsNamedWhereItIsDeclared() throws ConfigException {
        Path seed = CONFIG.resolve("edition-cnn-com-targetport.yaml");

        assertEquals(List.of(
                "ServiceEntry edition-cnn-com (" + seed + ":10): declares edition.cnn.com port 80, targetPort 443",
                "DestinationRule edition-cnn-com (" + seed + ":29): sets TLS mode SIMPLE for port 80"),
                explain(seed, "edition.cnn.com", 80));
        assertEquals(List.of("ServiceEntry edition-cnn-com (" + seed + ":8): declares edition.cnn.com but not port 8080"),
                explain(seed, "edition.cnn.com", 8080));
        assertEquals(List.of(), explain(seed, "example.org", 80));
    }

    @Test
    void aHostFoundUnderAWildcardIsDecidedByTheWildcardsResources() throws Exception {
        Path rules = Files.writeString(dir.resolve("rules.yaml"), String.join("\n",
                "apiVersion: networking.istio.io/v1",
                "kind: ServiceEntry",
                "metadata: {name: cnn}",
                "spec:",
                "  hosts: ['*.cnn.com', edition.cnn.com]",
                "  ports: [{number: 80, name: http, targetPort: 443}]",
                "---",
                "apiVersion: networking.istio.io/v1",
                "kind: DestinationRule",
                "metadata: {name: all-of-cnn}",
                "spec:",
                "  host: '*.cnn.com'",
                "  trafficPolicy: {tls: {mode: SIMPLE}}", ""));

        assertEquals(List.of("ServiceEntry cnn (" + rules + ":6): declares *.cnn.com port 80, targetPort 443",
                "DestinationRule all-of-cnn (" + rules + ":13): sets TLS mode SIMPLE for port 80"),
                explain(rules, "money.cnn.com", 80));
        assertEquals(List.of("ServiceEntry cnn (" + rules + ":6): declares edition.cnn.com port 80, targetPort 443",
                "DestinationRule all-of-cnn (" + rules + ":13): sets TLS mode SIMPLE for port 80"),
                explain(rules, "edition.cnn.com", 80));
    }

    @Test
    void theShortFormNamesItsEntryOrItsPolicy() throws ConfigException {
        Path rules = CONFIG.resolve("registry-only.yaml");

        assertEquals(List.of("originate edition.cnn.com (" + rules + ":7): originates TLS to port 443"),
                explain(rules, "edition.cnn.com", 80));
        assertEquals(List.of("originate edition.cnn.com (" + rules + ":7): sends TLS for port 80 here"),
                explain(rules, "edition.cnn.com", 443));
        assertEquals(List.of("allow api.internal (" + rules + ":11): declares it and leaves it alone"),
                explain(rules, "api.internal", 8080));
        assertEquals(List.of("outboundTrafficPolicy REGISTRY_ONLY (" + rules + ":4): decides every host and port no "
                + "entry declares"), explain(rules, "example.org", 80));
    }

    private static List<String> explain(Path rules, String host, int port) throws ConfigException {
        return RulesLoader.explain(rules, host, port).stream().map(DecidingResource::toString)
                .collect(Collectors.toList());
    }
}
