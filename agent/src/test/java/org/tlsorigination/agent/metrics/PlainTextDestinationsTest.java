package org.tlsorigination.agent.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PlainTextDestinationsTest {

    @Test
    void eachDestinationIsCountedWithItsFirstCallerAndTheAppsOwnTlsIsSetApart() {
        PlainTextDestinations seen = new PlainTextDestinations(10);

        seen.connected("Api.Example.org", 80);
        seen.connected("api.example.org", 80);
        seen.connected("api.example.org", 8080);
        seen.connected("github.com", 443);
        seen.securedByApp("GitHub.com", 443);

        assertEquals(List.of("api.example.org:80 2 plain", "api.example.org:8080 1 plain", "github.com:443 1 tls"),
                seen.snapshot().stream().map(d -> d.host() + ":" + d.port() + " " + d.connections() + " "
                        + (d.securedByApp() ? "tls" : "plain")).sorted().collect(Collectors.toList()));
        assertEquals(3, seen.plainTextConnections());
        String caller = seen.snapshot().get(0).firstCaller();
        assertFalse(caller.startsWith("org.tlsorigination.agent.") || caller.startsWith("java."), caller);
        assertTrue(seen.snapshot().stream().allMatch(d -> d.firstCaller().equals(caller)));
    }

    @Test
    void beyondItsLimitADestinationIsOnlyCountedAsUnlisted() {
        PlainTextDestinations seen = new PlainTextDestinations(2);

        seen.connected("a.example", 80);
        assertFalse(seen.full());
        seen.connected("b.example", 80);
        seen.connected("c.example", 80);
        seen.connected("c.example", 80);
        seen.connected("a.example", 80);

        assertTrue(seen.full());
        assertEquals(2, seen.snapshot().size());
        assertEquals(3, seen.plainTextConnections());
        assertEquals(2, seen.unlistedConnections());
    }

    /** Lock-free: threads racing to add the same destinations lose no count and add none twice. */
    @Test
    void racingThreadsLoseNoCount() throws InterruptedException {
        PlainTextDestinations seen = new PlainTextDestinations(100);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 20_000; i++) {
                    seen.connected("host-" + i % 50 + ".example", 80);
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }

        assertEquals(50, seen.snapshot().size());
        assertEquals(160_000, seen.plainTextConnections());
    }
}
