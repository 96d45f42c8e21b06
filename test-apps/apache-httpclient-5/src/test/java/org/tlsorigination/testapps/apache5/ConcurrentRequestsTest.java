package org.tlsorigination.testapps.apache5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.tlsorigination.testapps.harness.ChildJvm;
import org.tlsorigination.testapps.harness.ClientShapes;
import org.tlsorigination.testapps.harness.FamilyMatrixTest;
import org.tlsorigination.testapps.harness.SeedStage;
import org.tlsorigination.testapps.harness.StandInRequest;
import org.tlsorigination.testapps.harness.StandInServer;

/** Requests in flight at once each take a pooled connection of their own, and each connection one handshake. */
@ClientShapes({"classic-default", "classic-pooled", "async-default", "async-custom"})
class ConcurrentRequestsTest extends FamilyMatrixTest {

    @Test
    void concurrentRequestsOpenAtMostOneConnectionEach() throws Exception {
        try (SeedStage stage = SeedStage.start(dir, Fetch.class)) {
            String url = stage.plainUrl("/politics");

            ChildJvm.Result result = client.originate(stage, "--concurrency", "3", url, url, url).run();

            assertEquals(0, result.exitCode(), result::toString);
            StandInServer standIn = stage.standIn();
            List<Integer> connectionsUsed = standIn.requests().stream().map(StandInRequest::connectionId)
                    .distinct().collect(Collectors.toList());
            assertEquals(3, standIn.requests().size(), standIn::summary);
            assertTrue(standIn.tlsConnections() <= 3, standIn::summary);
            assertEquals(standIn.tlsConnections(), standIn.tlsHandshakes(), standIn::summary);
            assertEquals(standIn.tlsConnections(), connectionsUsed.size(), standIn::summary);
            assertEquals(0, standIn.plainConnections(), standIn::summary);
        }
    }
}
