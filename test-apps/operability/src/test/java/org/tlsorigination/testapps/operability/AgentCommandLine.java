package org.tlsorigination.testapps.operability;

import java.io.IOException;
import java.time.Duration;
import org.tlsorigination.testapps.harness.AgentUnderTest;
import org.tlsorigination.testapps.harness.ChildJvm;

/** Runs the agent jar as a command, {@code java -jar tls-origination-agent.jar ARGS}, in a JVM of its own. */
final class AgentCommandLine {

    private AgentCommandLine() {
    }

    static ChildJvm.Result run(String... args) throws IOException, InterruptedException {
        return ChildJvm.mainClass(AgentUnderTest.jar().toString())
                .jvmOption("-jar")
                .args(args)
                .timeout(Duration.ofSeconds(30))
                .run();
    }
}
