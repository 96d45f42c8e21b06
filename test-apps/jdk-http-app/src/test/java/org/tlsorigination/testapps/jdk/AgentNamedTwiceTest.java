package org.tlsorigination.testapps.jdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tlsorigination.testapps.harness.AgentUnderTest;
import org.tlsorigination.testapps.harness.ChildJvm;
import org.tlsorigination.testapps.harness.SeedStage;

/**
 * The agent named twice, a common container accident, runs once: the second copy says so in one line, and the
 * seed request is originated exactly as with one copy.
 */
class AgentNamedTwiceTest {
    private static final String ONCE_MORE = "warning: the agent is named more than once (-javaagent twice, or in "
            + "JAVA_TOOL_OPTIONS too); the copy from ";

    @TempDir
    Path dir;

    @Test
    void theSameJarTwiceOnTheCommandLine() throws Exception {
        try (SeedStage stage = SeedStage.start(dir, Curl.class)) {
            ChildJvm.Result result = stage.withAgent(stage.rules("edition-cnn-com.yaml"),
                            SeedScenarioTest.curlSeed(stage.plainUrl("/politics")))
                    .jvmOption("-javaagent:" + AgentUnderTest.jar().toAbsolutePath())
                    .run();

            assertOriginatedOnce(result, stage);
        }
    }

    /** A copy at another path, named in JAVA_TOOL_OPTIONS, is another jar with the same classes. */
    @Test
    void aCopyInJavaToolOptionsAndTheJarOnTheCommandLine() throws Exception {
        Path copy = Files.copy(AgentUnderTest.jar(), dir.resolve("copy-of-the-agent.jar"));
        try (SeedStage stage = SeedStage.start(dir, Curl.class)) {
            ChildJvm.Result result = stage.withAgent(stage.rules("edition-cnn-com.yaml"),
                            SeedScenarioTest.curlSeed(stage.plainUrl("/politics")))
                    .env("JAVA_TOOL_OPTIONS", "-javaagent:" + copy)
                    .run();

            assertOriginatedOnce(result, stage);
            assertTrue(AgentLines.of(result).contains(ONCE_MORE + "file:" + copy + " already runs, so this one does "
                    + "nothing"), result::toString);
        }
    }

    private static void assertOriginatedOnce(ChildJvm.Result result, SeedStage stage) {
        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.stdout().startsWith("HTTP/1.1 200 OK"), result::toString);
        List<String> lines = AgentLines.of(result);
        assertEquals(1, lines.stream().filter(line -> line.contains("TLS origination rules loaded from")).count(),
                result::toString);
        assertEquals(1, lines.stream().filter(line -> line.startsWith(ONCE_MORE)).count(), result::toString);
        assertEquals("TLS (SNI edition.cnn.com) GET /politics; plain port untouched", stage.standIn().summary());
        assertEquals(List.of(), lines.stream().filter(line -> line.startsWith("error")).collect(Collectors.toList()));
    }
}
