package org.tlsorigination.testapps.jetty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tlsorigination.testapps.harness.ChildJvm;
import org.tlsorigination.testapps.harness.ClientUnderTest;
import org.tlsorigination.testapps.harness.LibraryVersion;
import org.tlsorigination.testapps.harness.SeedStage;

/**
 * Jetty 12.0.3, whose TLS connection factory takes another type than the one the agent builds from 12.0.4 on: the
 * family names it and rewrites none of it, and the guard refuses its plain-text connection to an originated host.
 */
class UnclaimedJettyTest {

    @TempDir
    Path dir;

    @Test
    void jetty1203IsNamedAsNotInstrumentedAndItsPlainTextIsRefused() throws Exception {
        ClientUnderTest jetty1203 = new ClientUnderTest(LibraryVersion.unclaimed("12.0.3"), null);
        try (SeedStage stage = SeedStage.start(dir, JettyGet.class)) {
            ChildJvm.Result result = jetty1203.originate(stage, stage.plainUrl("/politics")).run();

            assertEquals(1, result.exitCode(), result::toString);
            assertTrue(result.stderr().contains("[tls-origination] warning: Jetty HttpClient 12.0.3 in "),
                    result::toString);
            assertTrue(result.stderr().contains(" cannot be instrumented: it lacks "), result::toString);
            assertFalse(result.stderr().contains("instrumented org.eclipse.jetty"), result::toString);
            assertTrue(result.stderr().contains("plain-text connection to edition.cnn.com:"
                    + stage.standIn().plainPort() + " refused: a rule originates TLS for it"), result::toString);
            assertEquals(0, stage.standIn().connections().size(), stage.standIn()::summary);
        }
    }
}
