package org.tlsorigination.testapps.jdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tlsorigination.testapps.harness.ChildJvm;
import org.tlsorigination.testapps.harness.SeedStage;
import org.tlsorigination.testapps.jdk.lookalike.Route;

/** Invariant 11: the agent costs what the app does not notice until a connection a rule touches. */
class StartupCostTest {
    @TempDir
    Path dir;

    /** The app loads a class of its own named as a hooked type of OkHttp's, which a relocated copy could have. */
    @Test
    void anAppThatNeverConnectsLoadsNeitherByteBuddyNorTheTlsStack() throws Exception {
        try (SeedStage stage = SeedStage.start(dir, ClassVisibility.class)) {
            ChildJvm.Result result = stage.withAgent(stage.rules("edition-cnn-com.yaml"), Route.class.getName())
                    .jvmOption("-Xlog:class+load=info:stdout")
                    .run();

            assertEquals(0, result.exitCode(), result::stderr);
            assertTrue(result.stdout().contains(Route.class.getName() + " source: file:"), result::toString);
            assertTrue(result.stdout().contains("org.tlsorigination.agent.bootstrap.Origination source: __JVM_"),
                    "the facade is defined in the boot loader");
            assertFalse(result.stdout().contains(".shaded.net.bytebuddy."), "Byte Buddy is loaded");
            assertFalse(result.stdout().contains("sun.security.ssl.SSLContextImpl "), "the TLS stack is loaded");
            assertFalse(result.stdout().contains("java.net.Socket "), "a type the guard rewrites is loaded");
        }
    }

    @Test
    void classDataSharingStaysOnForTheAppsClasses() throws Exception {
        try (SeedStage stage = SeedStage.start(dir, ClassVisibility.class)) {
            ChildJvm.Result result = stage.withAgent(stage.rules("edition-cnn-com.yaml"))
                    .jvmOption("-Xshare:auto")
                    .run();

            assertEquals(0, result.exitCode(), result::stderr);
            // The JVM's unified logging prints this warning to stdout.
            assertFalse((result.stdout() + result.stderr()).contains("Sharing is only supported"), result::toString);
        }
    }
}
