package org.tlsorigination.testapps.apache5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.tlsorigination.testapps.harness.ChildJvm;
import org.tlsorigination.testapps.harness.ClientShapes;
import org.tlsorigination.testapps.harness.FamilyMatrixTest;
import org.tlsorigination.testapps.harness.SeedStage;

/**
 * The agent names only a handshake's failure: once the originated handshake is done, HttpClient 5 async's response
 * timeout on a response that never comes reaches the app as the client's own.
 */
@ClientShapes({"async-default", "async-custom"})
class AsyncResponseTimeoutTest extends FamilyMatrixTest {

    @Test
    void aTimeoutAfterTheHandshakeKeepsTheClientsOwnException() throws Exception {
        try (SeedStage stage = SeedStage.startNeverAnswering(dir, Fetch.class)) {
            ChildJvm.Result result = client.originate(stage, "--connect-timeout", "1", "--response-timeout", "1",
                            stage.plainUrl("/politics"))
                    .systemProperty("tlsorigination.handshakeTimeout", "300000")
                    .timeout(Duration.ofSeconds(30))
                    .run();

            assertEquals(1, result.exitCode(), result::toString);
            assertTrue(result.stderr().contains("error: java.net.SocketTimeoutException"), result::toString);
            assertFalse(result.stderr().contains("TLS origination to"), result::toString);
            assertEquals(1, stage.standIn().tlsConnections(), stage.standIn()::summary);
            assertEquals(0, stage.standIn().plainConnections(), stage.standIn()::summary);
        }
    }
}
