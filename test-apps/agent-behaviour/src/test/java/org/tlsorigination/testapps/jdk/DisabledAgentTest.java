package org.tlsorigination.testapps.jdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tlsorigination.testapps.harness.ChildJvm;
import org.tlsorigination.testapps.harness.SeedStage;

/** {@code tlsorigination.enabled=false}: the agent installs nothing and says nothing, whatever the rules say. */
class DisabledAgentTest {

    @TempDir
    Path dir;

    @Test
    void disabledAgentInstallsNothing() throws Exception {
        try (SeedStage stage = SeedStage.start(dir, Curl.class)) {
            ChildJvm.Result result = stage.withAgent(stage.rules("edition-cnn-com.yaml"),
                            SeedStage.seedCurl(stage.plainUrl("/politics")))
                    .systemProperty("tlsorigination.enabled", "false")
                    .run();

            assertEquals(0, result.exitCode(), result::toString);
            assertTrue(result.stdout().startsWith("HTTP/1.1 301 Moved Permanently"), result::toString);
            assertFalse(result.stderr().contains("[tls-origination]"), result::toString);
            assertEquals("plain GET /politics, then TLS (SNI edition.cnn.com) GET /politics", stage.standIn().summary());
        }
    }
}
