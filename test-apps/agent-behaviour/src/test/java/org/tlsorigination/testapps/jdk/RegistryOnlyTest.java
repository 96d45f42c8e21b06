package org.tlsorigination.testapps.jdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tlsorigination.testapps.harness.ChildJvm;
import org.tlsorigination.testapps.harness.RulesText;
import org.tlsorigination.testapps.harness.SeedStage;

/** Istio's REGISTRY_ONLY: a host the rules declare is reached, any other is refused before a byte leaves. */
class RegistryOnlyTest {
    private static final String UNDECLARED_HOST = "www.example.com";
    private static final String REFUSED = " refused by outboundTrafficPolicy REGISTRY_ONLY";

    @TempDir
    Path dir;

    @Test
    void shortFormPolicyOriginatesTheDeclaredHostAndRefusesAnother() throws Exception {
        try (SeedStage stage = SeedStage.start(dir, Curl.class, UNDECLARED_HOST)) {
            Path rules = Files.writeString(dir.resolve("rules.yaml"),
                    RulesText.registryOnly(stage.standIn().plainPort(), stage.standIn().tlsPort()));

            ChildJvm.Result declared = stage.withAgent(rules, "-s", "-o", "/dev/null", stage.plainUrl("/politics"))
                    .run();
            ChildJvm.Result undeclared = stage.withAgent(rules, "-s", "-o", "/dev/null", undeclaredUrl(stage)).run();

            assertEquals(0, declared.exitCode(), declared::toString);
            assertEquals(7, undeclared.exitCode(), undeclared::toString);
            assertTrue(undeclared.stderr().contains("ConnectException: connection to " + UNDECLARED_HOST + ":"
                    + stage.standIn().plainPort() + REFUSED), undeclared::toString);
            assertEquals("TLS (SNI edition.cnn.com) GET /politics; plain port untouched", stage.standIn().summary());
        }
    }

    /** The guard asks the same route table, so a client the agent does not rewrite meets the same policy. */
    @Test
    void settingAppliesThePolicyToIstioRulesAndToRawClients() throws Exception {
        try (SeedStage stage = SeedStage.start(dir, RawHttpGet.class, UNDECLARED_HOST)) {
            ChildJvm.Result result = stage.withAgent(stage.rules("edition-cnn-com.yaml"), UNDECLARED_HOST,
                            String.valueOf(stage.standIn().plainPort()))
                    .systemProperty("tlsorigination.outboundTrafficPolicy", "REGISTRY_ONLY")
                    .run();

            assertTrue(result.stderr().contains("ConnectException: connection to " + UNDECLARED_HOST + ":"
                    + stage.standIn().plainPort() + REFUSED), result::toString);
            assertEquals(0, stage.standIn().connections().size(), stage.standIn()::summary);
        }
    }

    @Test
    void loopbackStaysAllowed() throws Exception {
        try (SeedStage stage = SeedStage.start(dir, Curl.class)) {
            ChildJvm.Result result = stage.withAgent(stage.rules("edition-cnn-com.yaml"), "-s", "-D", "-",
                            "http://127.0.0.1:" + stage.standIn().plainPort() + "/politics")
                    .systemProperty("tlsorigination.outboundTrafficPolicy", "REGISTRY_ONLY")
                    .run();

            assertEquals(0, result.exitCode(), result::toString);
            assertTrue(result.stdout().startsWith("HTTP/1.1 301 Moved Permanently"), result::toString);
        }
    }

    private static String undeclaredUrl(SeedStage stage) {
        return "http://" + UNDECLARED_HOST + ":" + stage.standIn().plainPort() + "/politics";
    }
}
