package org.tlsorigination.testapps.jdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.tlsorigination.testapps.jdk.AgentLines.assertNoStackTrace;
import static org.tlsorigination.testapps.jdk.AgentLines.assertRefusedWithOneLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tlsorigination.testapps.harness.AgentUnderTest;
import org.tlsorigination.testapps.harness.ChildJvm;
import org.tlsorigination.testapps.harness.SeedStage;

/**
 * Under {@code -Djava.security.manager} the agent works when the policy grants its jar everything, and otherwise
 * refuses to start in one line, as for any configuration error. JDK 24 removed the security manager.
 */
class SecurityManagerTest {
    private static final String DENIED = "cannot start under the security manager, which denies the agent access "
            + "denied (\"java.util.PropertyPermission\" \"*\" \"read,write\"); grant the agent's jar AllPermission in "
            + "the policy, or run without a security manager";

    @TempDir
    Path dir;

    private SeedStage stage;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(Runtime.version().feature() < 24, "JDK 24 and later have no security manager");
        stage = SeedStage.start(dir, Curl.class);
    }

    @AfterEach
    void stop() {
        if (stage != null) {
            stage.close();
        }
    }

    @Test
    void theDefaultPolicyStopsTheJvmWithOneLine() throws Exception {
        ChildJvm.Result result = stage.withAgent(stage.rules("edition-cnn-com.yaml"), stage.plainUrl("/politics"))
                .jvmOption("-Djava.security.manager")
                .run();

        assertRefusedWithOneLine(result, "error: " + DENIED + "; stopping the JVM before the application starts "
                + "(onConfigError=fail)");
    }

    /** The policy lets the app itself connect; the agent, denied, leaves it alone, as asked by its argument. */
    @Test
    void disableRunsTheAppWithoutTheAgent() throws Exception {
        ChildJvm.Result result = stage.withAgent(stage.rules("edition-cnn-com.yaml"),
                        SeedStage.seedCurl(stage.plainUrl("/politics")))
                .javaAgent(AgentUnderTest.jar(), "onConfigError=disable")
                .jvmOption("-Djava.security.manager")
                .jvmOption("-Djava.security.policy=" + policy(ChildJvm.classPathOf(Curl.class)))
                .run();

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals(List.of("error: " + DENIED, "warning: TLS origination is disabled (onConfigError=disable): "
                + "matching connections go out as the app sends them"), AgentLines.of(result), result::toString);
        assertNoStackTrace(result);
        assertEquals("plain GET /politics, then TLS (SNI edition.cnn.com) GET /politics", stage.standIn().summary());
    }

    @Test
    void aPolicyGrantingTheAgentEverythingLetsItOriginate() throws Exception {
        ChildJvm.Result result = stage.withAgent(stage.rules("edition-cnn-com.yaml"),
                        SeedStage.seedCurl(stage.plainUrl("/politics")))
                .jvmOption("-Djava.security.manager")
                .jvmOption("-Djava.security.policy=" + policy(ChildJvm.classPathOf(Curl.class), AgentUnderTest.jar()))
                .run();

        assertEquals(0, result.exitCode(), result::toString);
        assertNoStackTrace(result);
        assertEquals("TLS (SNI edition.cnn.com) GET /politics; plain port untouched", stage.standIn().summary());
    }

    /** Added to the JDK's policy: everything for these class path entries only. */
    private Path policy(Path... grantedEverything) throws Exception {
        StringBuilder policy = new StringBuilder();
        for (Path entry : grantedEverything) {
            String codeBase = entry.toAbsolutePath().toUri().toString() + (Files.isDirectory(entry) ? "-" : "");
            policy.append("grant codeBase \"").append(codeBase)
                    .append("\" { permission java.security.AllPermission; };\n");
        }
        return Files.writeString(dir.resolve("test.policy"), policy);
    }
}
