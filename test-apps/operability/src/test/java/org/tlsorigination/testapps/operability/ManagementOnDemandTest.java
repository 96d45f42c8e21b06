package org.tlsorigination.testapps.operability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tlsorigination.testapps.harness.ChildJvm;
import org.tlsorigination.testapps.harness.SeedStage;
import org.tlsorigination.testapps.harness.StandInRequest;
import org.tlsorigination.testapps.harness.StandInServer;
import org.tlsorigination.testapps.jdk.Poll;

/**
 * The platform MBean server costs an app a few hundred milliseconds: an app nobody watches over JMX never gets one
 * from the agent, through many reload intervals, while its requests are originated. {@link AttachTest} and {@link
 * CountersAndReportTest} read the MBeans once a JMX client has made it.
 */
class ManagementOnDemandTest {
    private static final String MBEAN_SERVER_CLASS = "com.sun.jmx.mbeanserver.JmxMBeanServer";

    @TempDir
    Path dir;

    @Test
    void anAppNobodyWatchesNeverGetsThePlatformMBeanServer() throws Exception {
        try (SeedStage stage = SeedStage.start(dir, Poll.class)) {
            Path classes = dir.resolve("classes.log");
            ChildJvm.Result result = stage.withAgent(stage.rules("edition-cnn-com.yaml"), stage.plainUrl("/politics"),
                            "100", "15", "no-stop-file")
                    .systemProperty("tlsorigination.reloadInterval", "100")
                    .jvmOption("-Xlog:class+load=info:file=" + classes)
                    .timeout(Duration.ofSeconds(60))
                    .run();

            assertEquals(0, result.exitCode(), result::toString);
            assertEquals(15, stage.standIn().requests().stream().filter(StandInRequest::tls).count(),
                    stage.standIn()::summary);
            String loaded = Files.readString(classes);
            assertTrue(loaded.contains("org.tlsorigination.agent.metrics.ManagementBeans "), "the agent did look");
            assertFalse(loaded.contains(MBEAN_SERVER_CLASS + " "), "no MBean server was made");
        }
    }
}
