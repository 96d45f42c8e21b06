package org.tlsorigination.testapps.relocated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tlsorigination.testapps.harness.ChildJvm;
import org.tlsorigination.testapps.harness.SeedStage;
import org.tlsorigination.testapps.harness.StandInRequest;
import org.tlsorigination.testapps.harness.StandInServer;

/**
 * The family apps from a fat jar in which maven-shade-plugin moved Apache HttpClient 4, HttpAsyncClient 4, OkHttp
 * and Netty under {@code org.example.shaded}: each relocated copy is its family, rewritten as the original is, so
 * its requests are originated rather than refused by the guard. The jar is the apps' whole class path.
 */
class RelocatedLibrariesTest {
    private static final String PREFIX = "org.example.shaded.";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "Apache HttpClient 4, org.tlsorigination.testapps.apache4.Fetch, default",
        "Apache HttpAsyncClient 4, org.tlsorigination.testapps.apache4.Fetch, async",
        "OkHttp, org.tlsorigination.testapps.okhttp.OkHttpGet, ",
        "Netty, org.tlsorigination.testapps.netty.NettyGet, ",
    })
    void aRelocatedCopyIsOriginatedLikeTheOriginal(String library, String app, String shape) throws Exception {
        Path jar = Paths.get(System.getProperty("relocated.jar"));
        try (SeedStage stage = SeedStage.start(dir, app, jar)) {
            String url = stage.plainUrl("/politics");
            ChildJvm child = shape == null ? stage.withAgent(stage.rules("edition-cnn-com.yaml"), url)
                    : stage.withAgent(stage.rules("edition-cnn-com.yaml"), shape, url);

            // Without the socket level, only the family can originate: the guard would refuse what it missed.
            ChildJvm.Result result = child.systemProperty("tlsorigination.log", "debug")
                    .systemProperty("tlsorigination.instrumentation.socket", "false").run();

            assertEquals(0, result.exitCode(), result::toString);
            assertTrue(result.stderr().contains(": rewriting " + library + " ("), result::toString);
            assertFalse(result.stderr().contains("refused a plain-text connection"), result::toString);
            assertFalse(result.stderr().contains("warning: cannot instrument"), result::toString);
            StandInServer standIn = stage.standIn();
            assertEquals(1, standIn.requests().size(), standIn::summary);
            StandInRequest request = standIn.requests().get(0);
            assertTrue(request.tls(), standIn::summary);
            assertEquals(SeedStage.HOST, request.sni(), standIn::summary);
            assertEquals("/politics", request.path(), standIn::summary);
            assertEquals(0, standIn.plainConnections(), standIn::summary);
        }
    }
}
