package org.tlsorigination.testapps.jdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tlsorigination.testapps.harness.AgentUnderTest;
import org.tlsorigination.testapps.harness.ChildJvm;
import org.tlsorigination.testapps.harness.SeedStage;

/** A rules file the agent refuses stops the JVM before the app's main runs, with the file, line and field. */
class ConfigErrorTest {
    private static final int REFUSED_TO_START = 78;

    @TempDir
    Path dir;

    private SeedStage stage;

    @BeforeEach
    void start() throws Exception {
        stage = SeedStage.start(dir, Curl.class);
    }

    @AfterEach
    void stop() {
        stage.close();
    }

    /** Each case breaks one line of the seed file; the agent must name that line and its field. */
    static Stream<Arguments> brokenSeedFiles() {
        return Stream.of(
                Arguments.of("YAML that does not parse", "number: 80", "number: [80", ":10: not valid YAML"),
                Arguments.of("a resource of an unknown kind", "kind: VirtualService", "kind: VirtualSrvice",
                        ":19: kind: kind VirtualSrvice is not supported"),
                Arguments.of("a port that is not a number", "number: 80", "number: http",
                        ":10: ServiceEntry cnn: spec.ports[0].number"),
                Arguments.of("a DestinationRule host that no ServiceEntry declares", "\n  host: edition.cnn.com",
                        "\n  host: www.cnn.com", ":39: DestinationRule originate-tls-for-edition-cnn-com: spec.host"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenSeedFiles")
    void badRulesStopTheJvmBeforeMain(String problem, String line, String brokenLine, String expectedLocation)
            throws Exception {
        Path rules = dir.resolve("broken.yaml");
        String seed = Files.readString(AgentUnderTest.config("edition-cnn-com.yaml"), StandardCharsets.UTF_8);
        assertTrue(seed.contains(line), problem);
        Files.writeString(rules, seed.replaceFirst(Pattern.quote(line), Matcher.quoteReplacement(brokenLine)));

        assertRefusedToStart(stage.withAgent(rules, stage.plainUrl("/politics")).run(), rules + expectedLocation);
    }

    @Test
    void missingRulesFileStopsTheJvmBeforeMain() throws Exception {
        Path missing = dir.resolve("no-such-rules.yaml");

        assertRefusedToStart(stage.withAgent(missing, stage.plainUrl("/politics")).run(), missing.toString());
    }

    @Test
    void agentWithoutRulesStopsTheJvmBeforeMain() throws Exception {
        ChildJvm.Result result = stage.withoutAgent(stage.plainUrl("/politics"))
                .javaAgent(AgentUnderTest.jar(), null)
                .run();

        assertRefusedToStart(result, "tlsorigination.rules: no rules file is set");
    }

    @Test
    void onConfigErrorDisableRunsTheAppWithoutOrigination() throws Exception {
        Path missing = dir.resolve("no-such-rules.yaml");

        ChildJvm.Result result = stage.withAgent(missing, SeedStage.seedCurl(stage.plainUrl("/politics")))
                .systemProperty("tlsorigination.onConfigError", "disable")
                .run();

        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.stderr().contains("[tls-origination] error: " + missing), result::toString);
        assertTrue(result.stderr().contains("TLS origination is disabled (onConfigError=disable)"), result::toString);
        assertEquals("plain GET /politics, then TLS (SNI edition.cnn.com) GET /politics", stage.standIn().summary());
    }

    private void assertRefusedToStart(ChildJvm.Result result, String expectedMessage) {
        assertEquals(REFUSED_TO_START, result.exitCode(), result::toString);
        assertTrue(result.stderr().contains("[tls-origination] error: " + expectedMessage), result::toString);
        assertEquals("", result.stdout(), result::toString);
        assertEquals(0, stage.standIn().connections().size(), stage.standIn()::summary);
    }
}
