package org.tlsorigination.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tlsorigination.agent.route.Decision;
import org.tlsorigination.agent.route.RouteTable;
import org.tlsorigination.agent.route.TlsProfile;

class SeedRulesTest {
    private static final Path CONFIG = Path.of("..", "config");

    @Test
    void seedRoutesPort80AndPort443ToTlsOnPort443() throws Exception {
        Path file = CONFIG.resolve("edition-cnn-com.yaml");
        LoadedRules rules = RulesLoader.load(file);
        RouteTable table = rules.table();

        assertOriginates(table.route("edition.cnn.com", 80), 443);
        assertOriginates(table.route("edition.cnn.com", 443), 443);
        assertSame(Decision.UNDECLARED, table.route("edition.cnn.com", 8080));
        assertSame(Decision.UNDECLARED, table.route("www.cnn.com", 80));
        assertEquals(3, rules.resourceCount());
        assertEquals(List.of(file + ":41: DestinationRule originate-tls-for-edition-cnn-com: "
                + "spec.trafficPolicy.loadBalancer: not applicable in-process, ignored"), rules.notes());
        assertEquals(List.of(), rules.warnings());
    }

    @Test
    void targetPortFormOriginatesOnPort80AndLeavesPort443Alone() throws Exception {
        RouteTable table = RulesLoader.load(CONFIG.resolve("edition-cnn-com-targetport.yaml")).table();

        assertOriginates(table.route("edition.cnn.com", 80), 443);
        assertSame(Decision.PASS, table.route("edition.cnn.com", 443));
        assertSame(Decision.UNDECLARED, table.route("cnn.com", 80));
    }

    @Test
    void demoFilePlaysTheSeedOnUnprivilegedPorts() throws Exception {
        RouteTable table = RulesLoader.load(CONFIG.resolve("demo-edition-cnn-com.yaml")).table();

        assertOriginates(table.route("edition.cnn.com", 18080), 18443);
        assertOriginates(table.route("edition.cnn.com", 18443), 18443);
        assertSame(Decision.UNDECLARED, table.route("edition.cnn.com", 80));
    }

    private static void assertOriginates(Decision decision, int port) {
        assertEquals("ORIGINATE(" + port + ", SIMPLE ca=default)", decision.toString());
        assertEquals(TlsProfile.verifyingDefaults(), decision.tls());
    }
}
