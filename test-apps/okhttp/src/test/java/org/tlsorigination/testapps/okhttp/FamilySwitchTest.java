package org.tlsorigination.testapps.okhttp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tlsorigination.testapps.harness.ChildJvm;
import org.tlsorigination.testapps.harness.LibraryVersion;
import org.tlsorigination.testapps.harness.SeedStage;

/** {@code tlsorigination.instrumentation.<family>=false} leaves one family alone, and only a family it names. */
class FamilySwitchTest {

    @TempDir
    Path dir;

    /**
     * OkHttp then connects a plain socket as without the agent, which the socket level originates; with that
     * switched off too, the guard refuses it.
     */
    @Test
    void aSwitchedOffFamilyIsNotRewrittenAndTheStartUpLineLeavesItOut() throws Exception {
        try (SeedStage stage = SeedStage.start(dir, OkHttpGet.class)) {
            ChildJvm.Result result = stage.withAgent(stage.rules("edition-cnn-com.yaml"), stage.plainUrl("/politics"))
                    .classPath(newestOkHttp())
                    .systemProperty("tlsorigination.instrumentation.okhttp", "false")
                    .systemProperty("tlsorigination.log", "debug")
                    .run();

            assertEquals(0, result.exitCode(), result::toString);
            String startUp = result.stderr().lines().filter(line -> line.contains("; instrumenting ")).findFirst()
                    .orElseThrow();
            assertFalse(startUp.contains("OkHttp"), startUp);
            assertTrue(startUp.contains("Netty, AsyncHttpClient, Vert.x HttpClient, Jetty HttpClient, java.net.Socket"), startUp);
            assertFalse(result.stderr().contains("rewriting OkHttp"), result::toString);
            assertEquals("TLS (SNI edition.cnn.com) GET /politics; plain port untouched", stage.standIn().summary());
        }
    }

    @Test
    void withTheSocketLevelOffTooTheGuardRefusesTheFamilysPlainText() throws Exception {
        try (SeedStage stage = SeedStage.start(dir, OkHttpGet.class)) {
            ChildJvm.Result result = stage.withAgent(stage.rules("edition-cnn-com.yaml"), stage.plainUrl("/politics"))
                    .classPath(newestOkHttp())
                    .systemProperty("tlsorigination.instrumentation.okhttp", "false")
                    .systemProperty("tlsorigination.instrumentation.socket", "false")
                    .run();

            assertEquals(1, result.exitCode(), result::toString);
            assertTrue(result.stderr().contains("warning: refused a plain-text connection from okhttp3."),
                    result::toString);
            assertEquals(0, stage.standIn().plainConnections(), stage.standIn()::summary);
            assertEquals(0, stage.standIn().tlsConnections(), stage.standIn()::summary);
        }
    }

    @Test
    void aSwitchThatNamesNoFamilyStopsTheJvmNamingTheFamilies() throws Exception {
        try (SeedStage stage = SeedStage.start(dir, OkHttpGet.class)) {
            ChildJvm.Result result = stage.withAgent(stage.rules("edition-cnn-com.yaml"), stage.plainUrl("/politics"))
                    .classPath(newestOkHttp())
                    .systemProperty("tlsorigination.instrumentation.okhtp", "false")
                    .run();

            assertEquals(78, result.exitCode(), result::toString);
            assertTrue(result.stderr().contains("[tls-origination] error: tlsorigination.instrumentation.okhtp: no "
                    + "client family is called okhtp; the families are httpurlconnection, java-http-client, "
                    + "apache-httpclient-4, apache-httpasyncclient-4, apache-httpclient-5, apache-httpclient-5-async, "
                    + "netty, async-http-client, vertx, okhttp, jetty-client, socket"), result::toString);
            assertEquals(0, stage.standIn().connections().size(), stage.standIn()::summary);
        }
    }

    private static Path[] newestOkHttp() {
        List<LibraryVersion> versions = LibraryVersion.claimed();
        return versions.get(versions.size() - 1).jars();
    }
}
