package org.tlsorigination.testapps.isolation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tlsorigination.testapps.harness.AgentUnderTest;
import org.tlsorigination.testapps.harness.ChildJvm;
import org.tlsorigination.testapps.harness.SeedStage;
import org.tlsorigination.testapps.jdk.Curl;

/**
 * A copy of the agent that fails while starting for a reason that is no configuration error: a class its start-up
 * needs is missing. Nothing escapes {@code premain}, which would abort the JVM with a native stack trace: under
 * {@code onConfigError=fail} the JVM stops before {@code main} after one line naming the failure, under
 * {@code disable} the app runs without origination, and says so.
 */
class AgentThatCannotStartTest {
    private static final String MISSING = "org/tlsorigination/agent/RulesRouter.class";
    private static final String FAILURE = "cannot start: java.lang.NoClassDefFoundError: org/tlsorigination/agent/"
            + "RulesRouter";

    @TempDir
    Path dir;

    @Test
    void aStartUpFailureStopsTheJvmWithOneLineOrLetsTheAppRunWithoutTheAgentAsTheSettingSays() throws Exception {
        Path agent = AgentJarCopy.withEntry(AgentUnderTest.jar(), dir.resolve("agent.jar"), MISSING, bytes -> null);
        try (SeedStage stage = SeedStage.start(dir, Curl.class)) {
            Path rules = stage.rules("edition-cnn-com.yaml");
            String[] curl = SeedStage.seedCurl(stage.plainUrl("/politics"));

            ChildJvm.Result failed = stage.withAgent(rules, curl).javaAgent(agent, null).run();
            assertEquals(78, failed.exitCode(), failed::toString);
            assertEquals("", failed.stdout(), failed::toString);
            assertEquals(List.of("[tls-origination] error: " + FAILURE + "; stopping the JVM before the application "
                    + "starts (onConfigError=fail)"), lines(failed), failed::toString);
            assertEquals(0, stage.standIn().connections().size(), stage.standIn()::summary);

            ChildJvm.Result disabled = stage.withAgent(rules, curl).javaAgent(agent, null)
                    .systemProperty("tlsorigination.onConfigError", "disable").run();
            assertEquals(0, disabled.exitCode(), disabled::toString);
            assertEquals(List.of("[tls-origination] error: " + FAILURE, "[tls-origination] warning: TLS origination "
                    + "is disabled (onConfigError=disable): matching connections go out as the app sends them"),
                    lines(disabled), disabled::toString);
            assertFalse(disabled.stderr().contains("Exception in thread"), disabled::toString);
            assertEquals("plain GET /politics, then TLS (SNI edition.cnn.com) GET /politics", stage.standIn().summary(),
                    "the plain request, and the https one its redirect asks for");
        }
    }

    private static List<String> lines(ChildJvm.Result result) {
        return result.stderr().lines().filter(line -> !line.isBlank()).collect(Collectors.toList());
    }
}
