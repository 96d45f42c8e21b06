package org.tlsorigination.testapps.apache4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tlsorigination.testapps.harness.ChildJvm;
import org.tlsorigination.testapps.harness.ClientUnderTest;
import org.tlsorigination.testapps.harness.LibraryVersion;
import org.tlsorigination.testapps.harness.SeedStage;

/** The agent says what it found of Apache HttpClient 4: the families once when it is absent, a warning on 4.0. */
class LibraryPresenceTest {

    @TempDir
    Path dir;

    /** The app runs without Apache HttpClient: the agent names the families once at start-up and says no more. */
    @Test
    void appWithoutTheLibraryHearsNothingOfIt() throws Exception {
        try (SeedStage stage = SeedStage.start(dir, Fetch.class)) {
            ChildJvm.Result result = stage.withAgent(stage.rules("edition-cnn-com.yaml"))
                    .systemProperty("tlsorigination.log", "debug").run();

            assertEquals(2, result.exitCode(), result::toString);
            List<String> apacheLines = result.stderr().lines()
                    .filter(line -> line.startsWith("[tls-origination]") && line.contains("Apache"))
                    .collect(Collectors.toList());
            assertEquals(1, apacheLines.size(), result::toString);
            assertTrue(apacheLines.get(0).contains("instrumenting "), result::toString);
            assertTrue(apacheLines.get(0).contains("Apache HttpClient 4"), result::toString);
            assertTrue(apacheLines.get(0).contains("Apache HttpAsyncClient 4"), result::toString);
        }
    }

    /** 4.0's plain socket factory takes the host as a String only; 4.1 added the overload that is rewritten, and 4.3
     * the connection operator's factory and the request executor. */
    @Test
    void httpClient40IsNamedAsNotInstrumented() throws Exception {
        ClientUnderTest legacyOn40 = new ClientUnderTest(LibraryVersion.unclaimed("httpclient-4.0.3"), "legacy");
        try (SeedStage stage = SeedStage.start(dir, Fetch.class)) {
            ChildJvm.Result result = legacyOn40.originate(stage, stage.plainUrl("/politics")).run();

            assertTrue(result.stderr().contains("[tls-origination] warning: Apache HttpClient 4.0.3 in "),
                    result::toString);
            assertTrue(result.stderr().contains(" cannot be instrumented: it lacks "), result::toString);
            assertTrue(result.stderr().contains("PlainSocketFactory.connectSocket(Socket, InetSocketAddress, "
                    + "InetSocketAddress, HttpParams)"), result::toString);
            assertTrue(result.stderr().contains("; its plain-text requests are not originated"), result::toString);
        }
    }
}
