package org.tlsorigination.testapps.apache5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tlsorigination.testapps.harness.AgentUnderTest;
import org.tlsorigination.testapps.harness.ChildJvm;

/** The agent says what it found of Apache HttpClient 5: nothing when it is absent, a warning when it cannot help. */
class LibraryPresenceTest {
    static final String OPERATOR = "org.apache.hc.client5.http.impl.io.DefaultHttpClientConnectionOperator";
    static final String SESSION_REQUEST = "org.apache.hc.core5.reactor.IOSessionRequest";

    @TempDir
    Path dir;

    @Test
    void absentLibraryLoadsAndLogsNothingOfIt() throws Exception {
        ChildJvm.Result result = loadWithAgent(dir, List.of(ChildJvm.classPathOf(LoadClass.class)), "java.net.Socket")
                .jvmOption("-Xlog:class+load=info:stdout")
                .run();

        assertEquals(0, result.exitCode(), result::toString);
        assertFalse(result.stdout().contains("org.apache.hc."), result::toString);
        assertFalse(result.stderr().contains("instrumented org.apache.hc."), result::toString);
        assertFalse(result.stderr().contains("rewriting Apache HttpClient 5"), result::toString);
        assertFalse(result.stderr().matches("(?s).*Apache Http(Client|Core) [0-9.]+ in .*"), result::toString);
    }

    /** A library with the operator's name but none of the connect methods the agent rewrites. */
    @Test
    void versionWithoutTheConnectMethodsIsNamedInAWarning() throws Exception {
        Path library = Files.createDirectories(dir.resolve("future-httpclient5"));
        Path source = dir.resolve("DefaultHttpClientConnectionOperator.java");
        Files.writeString(source, "package org.apache.hc.client5.http.impl.io;\n"
                + "public class DefaultHttpClientConnectionOperator {}\n", StandardCharsets.UTF_8);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertEquals(0, javac.run(null, null, null, "-d", library.toString(), source.toString()));
        Path versionInfo = Files.createDirectories(library.resolve("org/apache/hc/client5"));
        Files.writeString(versionInfo.resolve("version.properties"), "info.release = 9.9\n", StandardCharsets.UTF_8);

        ChildJvm.Result result = loadWithAgent(dir, List.of(ChildJvm.classPathOf(LoadClass.class), library), OPERATOR)
                .run();

        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.stderr().contains("[tls-origination] warning: Apache HttpClient 9.9 in "),
                result::toString);
        assertTrue(result.stderr().contains(" cannot be instrumented: it lacks DefaultHttpClientConnectionOperator"
                + ".connect("), result::toString);
    }

    /** A child JVM with the agent, at debug level, that only loads the named classes from {@code classPath}. */
    static ChildJvm loadWithAgent(Path dir, List<Path> classPath, String... classNames) throws Exception {
        Path rules = AgentUnderTest.withPorts("edition-cnn-com.yaml", 18080, 18443, dir);
        return ChildJvm.mainClass(LoadClass.class.getName())
                .classPath(classPath.toArray(new Path[0]))
                .javaAgent(AgentUnderTest.jar(), null)
                .systemProperty("tlsorigination.rules", rules.toString())
                .systemProperty("tlsorigination.log", "debug")
                .args(classNames);
    }
}
