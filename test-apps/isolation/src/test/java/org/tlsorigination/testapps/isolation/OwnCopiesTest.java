package org.tlsorigination.testapps.isolation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tlsorigination.testapps.harness.AgentUnderTest;
import org.tlsorigination.testapps.harness.ChildJvm;
import org.tlsorigination.testapps.harness.SeedStage;
import org.tlsorigination.testapps.harness.StandInRequest;
import org.tlsorigination.testapps.harness.StandInServer;

/**
 * An app with its own SnakeYAML 1.33, Byte Buddy 1.14 and Netty, none of them the agent's relocated copies: it uses
 * its own, and its Netty request is originated. With no extra flag, the JVM prints no warning about the agent on
 * JDK 25 (Netty's own use of {@code sun.misc.Unsafe} draws some).
 */
class OwnCopiesTest {
    @TempDir
    Path dir;

    @Test
    void theAppUsesItsOwnLibrariesAndItsNettyRequestIsOriginated() throws Exception {
        try (SeedStage stage = SeedStage.start(dir, OwnCopies.class)) {
            ChildJvm.Result result = stage.withAgent(stage.rules("edition-cnn-com.yaml"), stage.plainUrl("/politics"))
                    .classPath(System.getProperty("isolation.classpath")).run();

            assertEquals(0, result.exitCode(), result::toString);
            assertTrue(result.stdout().matches("(?s)SnakeYAML from \\S*/snakeyaml-1\\.33\\.jar parsed "
                    + "\\{library=snakeyaml}\n.*"), result::toString);
            assertTrue(result.stdout().matches("(?s).*\nByte Buddy from \\S*/byte-buddy-1\\.14\\.18\\.jar made "
                    + "java\\.lang\\.Object\n.*"), result::toString);
            assertTrue(result.stdout().matches("(?s).*\nNetty 4\\.1\\.\\d+\\.Final from \\S*/netty-transport-4\\.1\\."
                    + "\\d+\\.Final\\.jar\n.*"), result::toString);
            assertEquals(List.of(), AgentUnderTest.jvmWarningsAboutTheAgent(result.stderr()), result::toString);
            StandInServer standIn = stage.standIn();
            assertEquals(1, standIn.requests().size(), standIn::summary);
            StandInRequest request = standIn.requests().get(0);
            assertTrue(request.tls() && SeedStage.HOST.equals(request.sni()), standIn::summary);
            assertEquals("/politics", request.path(), standIn::summary);
            assertEquals(0, standIn.plainConnections(), standIn::summary);
        }
    }
}
