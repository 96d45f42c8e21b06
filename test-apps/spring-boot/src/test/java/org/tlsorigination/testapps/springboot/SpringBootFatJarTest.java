package org.tlsorigination.testapps.springboot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tlsorigination.testapps.harness.AgentUnderTest;
import org.tlsorigination.testapps.harness.ChildJvm;
import org.tlsorigination.testapps.harness.SeedStage;
import org.tlsorigination.testapps.harness.StandInRequest;
import org.tlsorigination.testapps.harness.StandInServer;

/**
 * A Spring Boot executable jar started with {@code java -javaagent:... -jar app.jar}: its libraries are nested jars
 * that Spring Boot's own class loader loads, and both its RestClient on Apache HttpClient 5 and its WebClient on
 * Reactor Netty are originated there.
 */
class SpringBootFatJarTest {
    private static final String BOOT_LOADER = "org.springframework.boot.loader.launch.LaunchedClassLoader";

    @TempDir
    Path dir;

    @Test
    void restClientAndWebClientInsideTheFatJarAreBothOriginated() throws Exception {
        try (SeedStage stage = SeedStage.startExecutableJar(dir, Path.of(System.getProperty("fat.jar")))) {
            ChildJvm.Result result = stage.withAgent(stage.rules("edition-cnn-com.yaml"), stage.plainUrl(""))
                    .systemProperty("tlsorigination.instrumentation.socket", "false").run();

            assertEquals(0, result.exitCode(), result::toString);
            int page = StandInServer.BODY_LENGTH;
            assertTrue(result.stdout().contains("RestClient 200, " + page + " bytes, Apache HttpClient 5 from "
                    + BOOT_LOADER + "\n"), result::toString);
            assertTrue(result.stdout().contains("WebClient 200, " + page + " bytes, Reactor Netty from "
                    + BOOT_LOADER + "\n"), result::toString);
            assertFalse(result.stderr().contains("refused a plain-text connection"), result::toString);
            assertEquals(List.of(), AgentUnderTest.jvmWarningsAboutTheAgent(result.stderr()), result::toString);
            StandInServer standIn = stage.standIn();
            List<String> seen = standIn.requests().stream().map(StandInRequest::toString).collect(Collectors.toList());
            assertEquals(List.of("TLS (SNI edition.cnn.com) GET /rest", "TLS (SNI edition.cnn.com) GET /web"), seen,
                    standIn::summary);
            assertEquals(0, standIn.plainConnections(), standIn::summary);
        }
    }
}
