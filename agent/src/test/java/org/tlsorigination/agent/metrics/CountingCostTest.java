package org.tlsorigination.agent.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.Test;

/**
 * What the connect path counts, a handshake's outcome and a plain-text connect to a destination already seen,
 * allocates nothing (the few bytes allowed are the measuring's own).
 */
class CountingCostTest {

    @Test
    void countingAHandshakeOrAPlainConnectAllocatesNothing() throws Exception {
        RouteCounters route = RouteCounters.of("counted.example", 80);
        SSLSession session = SSLContext.getDefault().createSSLEngine().getSession();
        PlainTextDestinations seen = new PlainTextDestinations(10);
        seen.connected("Plain.Example.org", 80);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        for (int warm = 0; warm < 20_000; warm++) {
            count(route, session, seen);
        }

        long before = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < 100_000; i++) {
            count(route, session, seen);
        }
        long allocated = threads.getThreadAllocatedBytes(thread) - before;

        assertTrue(allocated < 10_000, allocated + " bytes allocated by 100,000 rounds of counting");
        assertEquals(120_000, route.getConnectionsOriginated());
        assertEquals(120_000, route.getHandshakeFailures());
        assertEquals(240_001, seen.plainTextConnections());
    }

    private static void count(RouteCounters route, SSLSession session, PlainTextDestinations seen) {
        long started = System.currentTimeMillis();
        route.completed("counted.example", 443, session, started, System.nanoTime());
        route.failed();
        seen.connected("plain.example.org", 80);
        seen.connected("PLAIN.EXAMPLE.ORG", 80);
    }
}
