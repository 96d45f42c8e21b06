package org.tlsorigination.agent.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.ConnectException;
import java.util.concurrent.Callable;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.tlsorigination.agent.metrics.RouteCounters;

/** What a non-blocking client's timer reports when its connect timeout passes before the TLS session is up. */
class OriginatingSslEngineTest {

    @Test
    void deadlineBeforeTheHandshakeStartedSaysTheConnectionWasNotMade() throws Exception {
        Callable<Void> deadline = engine().deadline(1000);

        ConnectException failure = assertThrows(ConnectException.class, deadline::call);
        assertEquals("TLS origination to edition.cnn.com:443 failed: not connected within 1000 ms", failure.getMessage());
    }

    @Test
    void deadlineDuringTheHandshakeSaysTheHandshakeTimedOut() throws Exception {
        OriginatingSslEngine engine = engine();
        engine.beginHandshake();

        SSLHandshakeException failure = assertThrows(SSLHandshakeException.class, engine.deadline(1000)::call);
        assertEquals("TLS origination to edition.cnn.com:443 failed: the handshake timed out after 1000 ms",
                failure.getMessage());
    }

    @Test
    void aHandshakeThatStartedAndEndsUnfinishedCountsOneFailureHoweverTheClientLearnsOfIt() throws Exception {
        RouteCounters counters = RouteCounters.of("engine-under-test.example", 80);
        OriginatingSslEngine engine = engine(counters);
        engine.closeOutbound();
        assertEquals(0, counters.getHandshakeFailures(), "an engine closed before its handshake never tried one");

        OriginatingSslEngine started = engine(counters);
        started.beginHandshake();
        assertThrows(SSLHandshakeException.class, started.deadline(1000)::call);
        started.closeOutbound();
        assertThrows(SSLException.class, started::closeInbound);

        assertEquals(1, counters.getHandshakeFailures());
        assertEquals(0, counters.getConnectionsOriginated());
    }

    private static OriginatingSslEngine engine() throws Exception {
        return engine(RouteCounters.unnamed());
    }

    private static OriginatingSslEngine engine(RouteCounters counters) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, null, null);
        SSLEngine engine = context.createSSLEngine("edition.cnn.com", 443);
        engine.setUseClientMode(true);
        return new OriginatingSslEngine(engine, "edition.cnn.com", 443, counters);
    }
}
