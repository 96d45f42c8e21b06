package org.tlsorigination.testapps.jdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import net.bytebuddy.ByteBuddy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tlsorigination.testapps.harness.ChildJvm;
import org.tlsorigination.testapps.harness.SeedStage;
import org.yaml.snakeyaml.Yaml;

/** byte-buddy and snakeyaml are relocated inside the agent: an app sees its own versions, or none. */
class NoLeakTest {
    private static final String[] CLASSES = {
        "net.bytebuddy.ByteBuddy", "org.yaml.snakeyaml.Yaml", "org.tlsorigination.agent.bootstrap.Origination"};

    @TempDir
    Path dir;

    @Test
    void appWithoutTheseLibrariesDoesNotSeeTheAgentsCopies() throws Exception {
        try (SeedStage stage = SeedStage.start(dir, ClassVisibility.class)) {
            ChildJvm.Result result = stage.withAgent(stage.rules("edition-cnn-com.yaml"), CLASSES).run();

            assertEquals(0, result.exitCode(), result::toString);
            assertTrue(result.stdout().contains("net.bytebuddy.ByteBuddy -> absent"), result::toString);
            assertTrue(result.stdout().contains("org.yaml.snakeyaml.Yaml -> absent"), result::toString);
            assertTrue(result.stdout().contains("org.tlsorigination.agent.bootstrap.Origination -> bootstrap"),
                    result::toString);
        }
    }

    @Test
    void appCarryingOtherVersionsKeepsThemAndStillGetsOrigination() throws Exception {
        Path appYaml = ChildJvm.classPathOf(Yaml.class);
        Path appByteBuddy = ChildJvm.classPathOf(ByteBuddy.class);
        try (SeedStage stage = SeedStage.start(dir, ClassVisibility.class)) {
            ChildJvm.Result visibility = stage.withAgent(stage.rules("edition-cnn-com.yaml"), CLASSES)
                    .classPath(appYaml, appByteBuddy)
                    .run();

            assertTrue(visibility.stdout().contains("org.yaml.snakeyaml.Yaml -> " + appYaml), visibility::toString);
            assertTrue(visibility.stdout().contains("net.bytebuddy.ByteBuddy -> " + appByteBuddy), visibility::toString);
        }
        try (SeedStage stage = SeedStage.start(dir, Curl.class)) {
            ChildJvm.Result curl = stage.withAgent(stage.rules("edition-cnn-com.yaml"),
                            SeedStage.seedCurl(stage.plainUrl("/politics")))
                    .classPath(appYaml, appByteBuddy)
                    .run();

            assertEquals(0, curl.exitCode(), curl::toString);
            assertEquals("TLS (SNI edition.cnn.com) GET /politics; plain port untouched", stage.standIn().summary());
        }
    }
}
