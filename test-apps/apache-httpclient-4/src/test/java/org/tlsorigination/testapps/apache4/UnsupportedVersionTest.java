package org.tlsorigination.testapps.apache4;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tlsorigination.testapps.harness.ChildJvm;
import org.tlsorigination.testapps.harness.SeedStage;

/** A version without the connect method the agent rewrites is named in a warning when the app loads it. */
class UnsupportedVersionTest {

    @TempDir
    Path dir;

    /** 4.0's plain socket factory takes the host as a String only; 4.1 added the overload that is rewritten, and 4.3
     * the connection operator's factory and the request executor. */
    @Test
    void httpClient40IsNamedAsNotInstrumented() throws Exception {
        try (SeedStage stage = SeedStage.start(dir, Fetch.class)) {
            ChildJvm.Result result = new Client("legacy", "httpclient-4.0.3")
                    .fetchWithAgent(stage, stage.rules("edition-cnn-com.yaml"), stage.plainUrl("/politics")).run();

            assertTrue(result.stderr().contains("[tls-origination] warning: Apache HttpClient 4.0.3 in "), result::toString);
            assertTrue(result.stderr().contains(" cannot be instrumented: it lacks "), result::toString);
            assertTrue(result.stderr().contains("PlainSocketFactory.connectSocket(Socket, InetSocketAddress, "
                    + "InetSocketAddress, HttpParams)"), result::toString);
            assertTrue(result.stderr().contains("; its plain-text requests are not originated"), result::toString);
        }
    }
}
