package org.tlsorigination.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tlsorigination.testapps.harness.AgentUnderTest;

/** The load run's short form, as CI runs it on each JDK; {@code run.sh --full} runs the 100,000 requests. */
class LoadWithReloadsTest {
    @TempDir
    Path dir;

    @Test
    void noRequestFailsOrStraysWhileRulesAndClientCertificateChangeUnderLoad() throws Exception {
        LoadChecks checks = LoadWithReloads.run(AgentUnderTest.jar(), System.getProperty("load.classpath"), dir,
                LoadWithReloads.SHORT_REQUESTS);

        System.out.println(checks.figures());
        assertEquals(List.of(), checks.violations(), checks::figures);
    }
}
