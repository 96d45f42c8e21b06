package org.tlsorigination.testapps.apache4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tlsorigination.testapps.harness.ChildJvm;
import org.tlsorigination.testapps.harness.ClientShapes;
import org.tlsorigination.testapps.harness.FamilyMatrixTest;
import org.tlsorigination.testapps.harness.SeedStage;
import org.tlsorigination.testapps.harness.StandInRequest;
import org.tlsorigination.testapps.harness.StandInServer;

/** Requests all in flight at once on a pool of three open no more originated connections than the pool holds. */
@ClientShapes(value = "pooled", library = "httpclient")
@ClientShapes(value = "async", library = "httpasyncclient")
class PoolConcurrencyTest extends FamilyMatrixTest {
    private static final int POOL_SIZE = 3;
    private static final int REQUESTS = 12;

    @Test
    void concurrentRequestsOpenNoMoreConnectionsThanThePoolHolds() throws Exception {
        try (SeedStage stage = SeedStage.start(dir, Fetch.class)) {
            List<String> args = new ArrayList<>(List.of("--concurrency", String.valueOf(POOL_SIZE)));
            args.addAll(Collections.nCopies(REQUESTS, stage.plainUrl("/politics")));

            ChildJvm.Result result = client.originate(stage, args.toArray(new String[0])).run();

            assertEquals(0, result.exitCode(), result::toString);
            assertEquals(REQUESTS, result.stdout().lines()
                    .filter(("HTTP/1.1 200 OK " + StandInServer.BODY_LENGTH + " bytes")::equals).count(),
                    result::toString);
            StandInServer standIn = stage.standIn();
            assertEquals(REQUESTS, standIn.requests().size(), standIn::summary);
            assertTrue(standIn.requests().stream().allMatch(StandInRequest::tls), standIn::summary);
            assertTrue(standIn.tlsConnections() <= POOL_SIZE, () -> standIn.tlsConnections() + " connections");
            assertEquals(standIn.tlsConnections(), standIn.tlsHandshakes(), standIn::summary);
            assertEquals(0, standIn.plainConnections(), standIn::summary);
        }
    }
}
