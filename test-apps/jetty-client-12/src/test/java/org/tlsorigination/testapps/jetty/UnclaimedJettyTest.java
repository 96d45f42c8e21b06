package org.tlsorigination.testapps.jetty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tlsorigination.testapps.harness.ChildJvm;
import org.tlsorigination.testapps.harness.ClientUnderTest;
import org.tlsorigination.testapps.harness.LibraryVersion;
import org.tlsorigination.testapps.harness.SeedStage;

/**
 * A Jetty the family does not claim, beside the module's claimed ones: 9.4.0, which has no
 * {@code SslContextFactory.Client} to build the rule's TLS on: the family names it and rewrites none of it, and the
 * guard refuses its plain-text connection to an originated host. Every Jetty 12 is claimed, so jetty-client-12 skips it.
 */
class UnclaimedJettyTest {

    @TempDir
    Path dir;

    static List<LibraryVersion> unclaimed() {
        return LibraryVersion.unclaimed();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unclaimed")
    void anUnclaimedJettyIsNamedAsNotInstrumentedAndItsPlainTextIsRefused(LibraryVersion version) throws Exception {
        ClientUnderTest jetty = new ClientUnderTest(version, null);
        try (SeedStage stage = SeedStage.start(dir, JettyGet.class)) {
            ChildJvm.Result result = jetty.originate(stage, stage.plainUrl("/politics")).run();

            assertEquals(1, result.exitCode(), result::toString);
            assertTrue(result.stderr().contains("[tls-origination] warning: Jetty HttpClient " + version + " in "),
                    result::toString);
            assertTrue(result.stderr().contains(" cannot be instrumented: it lacks "), result::toString);
            assertFalse(result.stderr().contains("instrumented org.eclipse.jetty"), result::toString);
            assertTrue(result.stderr().contains("plain-text connection to edition.cnn.com:"
                    + stage.standIn().plainPort() + " refused: a rule originates TLS for it"), result::toString);
            assertEquals(0, stage.standIn().connections().size(), stage.standIn()::summary);
        }
    }
}
