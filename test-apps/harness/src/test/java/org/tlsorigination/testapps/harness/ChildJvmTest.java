package org.tlsorigination.testapps.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildJvmTest {

    @Test
    void childSeesItsPropertiesArgsEnvironmentAndHostsFile(@TempDir Path dir) throws Exception {
        Path hosts = HostsFile.write(dir.resolve("hosts"), "edition.cnn.com");

        ChildJvm.Result result = ChildJvm.mainClass(ChildMain.class.getName())
                .classPath(ChildJvm.classPathOf(ChildMain.class))
                .systemProperty(HostsFile.SYSTEM_PROPERTY, hosts.toString())
                .systemProperty("child.greeting", "hello")
                .env("CHILD_ENV", "from-parent")
                .args("resolve", "edition.cnn.com")
                .run();

        assertEquals(3, result.exitCode(), result::toString);
        assertEquals("hello from-parent edition.cnn.com/127.0.0.1", result.stdout().trim(), result::toString);
        assertEquals("done", result.stderr().trim(), result::toString);
    }

    @Test
    void childOutlivingTheTimeoutIsKilledAndReported() {
        ChildJvm sleeper = ChildJvm.mainClass(ChildMain.class.getName())
                .classPath(ChildJvm.classPathOf(ChildMain.class))
                .args("sleep")
                .timeout(Duration.ofSeconds(2));

        AssertionError error = assertThrows(AssertionError.class, sleeper::run);

        assertTrue(error.getMessage().contains("sleeping"), error::getMessage);
    }
}
