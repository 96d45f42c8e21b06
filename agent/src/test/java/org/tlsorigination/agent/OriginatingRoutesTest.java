package org.tlsorigination.agent;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tlsorigination.agent.bootstrap.Route;

/**
 * The route table shares one decision among hosts that decide alike; the facade still hands out one route per host
 * pattern and port, so each counts its own connections, and finds it by the table's own most-specific match.
 */
class OriginatingRoutesTest {

    @TempDir
    Path dir;

    @Test
    void hostsThatDecideAlikeStillGetARouteEach() throws Exception {
        RulesRouter router = load(String.join("\n",
                "originate:",
                "- {host: a.example, port: 80}",
                "- {host: b.example, port: 80}",
                "- {host: '*.example', port: 80}",
                "- {host: a.example, port: 8080}", ""));

        Route a = router.route("a.example", 80);
        assertNotSame(a, router.route("b.example", 80));
        assertNotSame(a, router.route("a.example", 8080));
        assertNotSame(a, router.route("c.example", 80));
        assertSame(a, router.route("A.EXAMPLE.", 80));
        assertSame(router.route("c.example", 80), router.route("d.example", 80));
    }

    /** Hosts of one ServiceEntry that one DestinationRule covers share a port table, and so a decision. */
    @Test
    void beyondTheNamedLimitRoutesAreSharedByDecision() throws Exception {
        RulesRouter few = load(hostsSharingOneDecision(OriginatingRoutes.NAMED - 1));
        RulesRouter many = load(hostsSharingOneDecision(OriginatingRoutes.NAMED));

        assertNotSame(few.route("host-0.example", 80), few.route("host-1.example", 80));
        assertSame(many.route("host-0.example", 80), many.route("host-1.example", 80));
    }

    /** {@code count} hosts and their wildcard, each on port 80: one route more than {@code count}. */
    private static String hostsSharingOneDecision(int count) {
        List<String> hosts = new ArrayList<>(List.of("'*.example'"));
        for (int i = 0; i < count; i++) {
            hosts.add("host-" + i + ".example");
        }
        return String.join("\n",
                "apiVersion: networking.istio.io/v1",
                "kind: ServiceEntry",
                "metadata: {name: many}",
                "spec:",
                "  hosts: [" + String.join(", ", hosts) + "]",
                "  ports: [{number: 80, name: http, targetPort: 443}]",
                "---",
                "apiVersion: networking.istio.io/v1",
                "kind: DestinationRule",
                "metadata: {name: all}",
                "spec:",
                "  host: '*.example'",
                "  trafficPolicy: {tls: {mode: SIMPLE}}", "");
    }

    private RulesRouter load(String rules) throws Exception {
        return RulesRouter.load(Files.writeString(dir.resolve("rules.yaml"), rules), 1000, null);
    }
}
