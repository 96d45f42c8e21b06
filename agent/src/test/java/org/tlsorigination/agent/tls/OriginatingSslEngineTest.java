package org.tlsorigination.agent.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.EOFException;
import java.net.ConnectException;
import java.util.concurrent.Callable;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.tlsorigination.agent.metrics.RouteCounters;

/** What a non-blocking client reports when the handshake fails, or its connect timeout passes before TLS is up. */
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

    @Test
    void aFailureMetPastTheEngineAfterTheHandshakeFailedReportsTheHandshakesFailure() throws Exception {
        OriginatingSslEngine engine = engine();
        engine.beginHandshake();
        SSLException first = engine.named(new SSLHandshakeException("Received fatal alert: protocol_version"));

        Throwable later = engine.namedUnlessFinished(new EOFException());

        assertSame(first, later);
        assertEquals("TLS origination to edition.cnn.com:443 failed: Received fatal alert: protocol_version",
                later.getMessage());
    }

    @Test
    void anEndOfStreamAsTheFirstFailureSaysThePeerClosedTheConnection() throws Exception {
        OriginatingSslEngine engine = engine();
        engine.beginHandshake();

        Throwable failure = engine.namedUnlessFinished(new EOFException("HttpConnectionOverHTTP@1b2c3d[l=/127.0.0.1]"));

        assertEquals("TLS origination to edition.cnn.com:443 failed: the peer closed the connection during the "
                + "handshake", failure.getMessage());
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
