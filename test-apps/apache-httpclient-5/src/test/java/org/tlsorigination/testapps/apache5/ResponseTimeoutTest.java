package org.tlsorigination.testapps.apache5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tlsorigination.testapps.harness.ChildJvm;
import org.tlsorigination.testapps.harness.ClientShapes;
import org.tlsorigination.testapps.harness.FamilyMatrixTest;
import org.tlsorigination.testapps.harness.SeedStage;

/**
 * Classic takes the shortest of its connect, response and read timeouts for the handshake: the contract checks the
 * connect timeout, this the response timeout, of the request or the pool's socket config.
 */
@ClientShapes({"classic-default", "classic-pooled"})
class ResponseTimeoutTest extends FamilyMatrixTest {

    @Test
    void responseTimeoutBoundsTheClassicHandshake() throws Exception {
        try (SeedStage stage = SeedStage.startSilent(dir, Fetch.class)) {
            ChildJvm.Result result = client.originate(stage, "--response-timeout", "1", stage.plainUrl("/politics"))
                    .systemProperty("tlsorigination.handshakeTimeout", "300000")
                    .timeout(Duration.ofSeconds(30))
                    .run();

            assertEquals(1, result.exitCode(), result::toString);
            assertTrue(result.stderr().contains("TLS origination to edition.cnn.com:" + stage.standIn().tlsPort()
                    + " failed: the handshake timed out after 1000 ms"), result::toString);
            assertEquals(1, stage.standIn().tlsConnections(), stage.standIn()::summary);
            assertEquals(0, stage.standIn().plainConnections(), stage.standIn()::summary);
            assertEquals(List.of(), stage.standIn().requests(), stage.standIn()::summary);
        }
    }
}
