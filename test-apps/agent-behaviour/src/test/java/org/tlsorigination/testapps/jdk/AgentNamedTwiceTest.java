package org.tlsorigination.testapps.jdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.tools.attach.VirtualMachine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tlsorigination.testapps.harness.AgentUnderTest;
import org.tlsorigination.testapps.harness.ChildJvm;
import org.tlsorigination.testapps.harness.SeedStage;

/**
 * The agent named twice, a common container accident, or attached to a JVM that has it, runs once: the second copy
 * says so in one line, and requests are originated exactly as with one copy.
 */
class AgentNamedTwiceTest {
    private static final String ONCE_MORE = "warning: the agent is loaded more than once (named twice, in "
            + "JAVA_TOOL_OPTIONS too, or attached); the copy from ";

    @TempDir
    Path dir;

    @Test
    void theSameJarTwiceOnTheCommandLine() throws Exception {
        try (SeedStage stage = SeedStage.start(dir, Curl.class)) {
            ChildJvm.Result result = stage.withAgent(stage.rules("edition-cnn-com.yaml"),
                            SeedStage.seedCurl(stage.plainUrl("/politics")))
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
                            SeedStage.seedCurl(stage.plainUrl("/politics")))
                    .env("JAVA_TOOL_OPTIONS", "-javaagent:" + copy)
                    .run();

            assertOriginatedOnce(result, stage);
            assertTrue(AgentLines.of(result).contains(ONCE_MORE + "file:" + copy + " already runs, so this one does "
                    + "nothing"), result::toString);
        }
    }

    /** Attached to a running app that already has it, through another jar: one line, and the app goes on. */
    @Test
    void aCopyAttachedLater() throws Exception {
        Path copy = Files.copy(AgentUnderTest.jar(), dir.resolve("copy-of-the-agent.jar"));
        try (SeedStage stage = SeedStage.start(dir, Poll.class)) {
            Path rules = stage.rules("edition-cnn-com.yaml");
            ChildJvm.Running poller = stage.withAgent(rules, stage.plainUrl("/politics"), "100", "600",
                    dir.resolve("stop").toString()).timeout(Duration.ofSeconds(60)).start();
            try {
                awaitLine(poller, "TLS origination rules loaded from");
                ProcessHandle child = ProcessHandle.current().children()
                        .filter(p -> p.info().arguments().map(List::of).orElse(List.of()).contains(
                                "-Dtlsorigination.rules=" + rules)).findFirst().orElseThrow();
                VirtualMachine vm = VirtualMachine.attach(String.valueOf(child.pid()));
                try {
                    vm.loadAgent(copy.toString());
                } finally {
                    vm.detach();
                }
                awaitLine(poller, ONCE_MORE);
                assertTrue(poller.isAlive());
            } finally {
                Files.writeString(dir.resolve("stop"), "");
                poller.await();
            }
            assertEquals(0, stage.standIn().plainConnections(), stage.standIn()::summary);
        }
    }

    private static void awaitLine(ChildJvm.Running poller, String part) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!poller.stderrSoFar().contains(part)) {
            if (System.nanoTime() > deadline || !poller.isAlive()) {
                throw new AssertionError("waited for '" + part + "'\n--- stderr ---\n" + poller.stderrSoFar());
            }
            Thread.sleep(50);
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
