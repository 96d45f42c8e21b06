package org.tlsorigination.testapps.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tlsorigination.testapps.harness.ChildJvm;
import org.tlsorigination.testapps.harness.SeedStage;
import org.tlsorigination.testapps.harness.StandInServer;

/**
 * A servlet container whose web app calls out over http with the HttpClient 5 of its WEB-INF/lib, which only the web
 * app's class loader sees: the agent rewrites it in that loader, and the call is originated.
 */
class ServletContainerTest {
    private static final String WEB_APP_LOADER = "org.apache.catalina.loader.ParallelWebappClassLoader";

    @TempDir
    Path dir;

    @Test
    void aWebAppsOwnHttpClientIsOriginatedFromTheWebAppClassLoader() throws Exception {
        try (SeedStage stage = SeedStage.start(dir, ServletContainerApp.class)) {
            ChildJvm.Result result = stage.withAgent(stage.rules("edition-cnn-com.yaml"),
                            System.getProperty("webapp.dir"), stage.plainUrl("/politics"))
                    .classPath(System.getProperty("container.classpath"))
                    .systemProperty("tlsorigination.instrumentation.socket", "false").run();

            assertEquals(0, result.exitCode(), result::toString);
            assertTrue(result.stdout().contains("200 HttpClient 5 200, " + StandInServer.BODY_LENGTH + " bytes; "
                    + "servlet from " + WEB_APP_LOADER + ", HttpClient 5 from " + WEB_APP_LOADER + "\n"),
                    result::toString);
            assertEquals("TLS (SNI edition.cnn.com) GET /politics; plain port untouched", stage.standIn().summary());
        }
    }
}
