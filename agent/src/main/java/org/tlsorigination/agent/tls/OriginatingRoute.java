package org.tlsorigination.agent.tls;

import java.io.IOException;
import java.net.Socket;
import java.util.concurrent.Callable;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.tlsorigination.agent.bootstrap.Route;
import org.tlsorigination.agent.metrics.RouteCounters;

/**
 * The facade's view of an originating decision: connect to {@code port}, then hand the socket to a connector. Every
 * handshake it runs, and every one run on its context, is counted into its route's counters.
 */
public final class OriginatingRoute implements Route {
    private final int port;
    private final TlsConnector connector;
    private final int defaultHandshakeTimeoutMillis;
    private final RouteCounters counters;
    /** Made on first use: building it builds the connector's TLS context, which waits for the first connection. */
    private volatile SSLContext sslContext;

    public OriginatingRoute(int port, TlsConnector connector, int defaultHandshakeTimeoutMillis,
                            RouteCounters counters) {
        this.port = port;
        this.connector = connector;
        this.defaultHandshakeTimeoutMillis = defaultHandshakeTimeoutMillis;
        this.counters = counters;
    }

    @Override
    public int port() {
        return port;
    }

    /** A socket already in TLS, the app's own, is never wrapped again. */
    @Override
    public Socket secure(Socket connected, String host, int timeoutMillis) throws IOException {
        if (connected instanceof SSLSocket) {
            return connected;
        }
        long startedMillis = System.currentTimeMillis();
        long startedNanos = System.nanoTime();
        int bound = timeoutMillis > 0 ? timeoutMillis : defaultHandshakeTimeoutMillis;
        Socket tls;
        try {
            tls = connector.handshake(connected, host, bound);
        } catch (IOException e) {
            counters.failed();
            throw e;
        }
        counters.completed(host, port, ((SSLSocket) tls).getSession(), startedMillis, startedNanos);
        return tls;
    }

    @Override
    public SSLContext sslContext() {
        SSLContext context = sslContext;
        if (context == null) {
            context = connector.sslContext(counters);
            sslContext = context;
        }
        return context;
    }

    @Override
    public int handshakeTimeoutMillis(int connectTimeoutMillis) {
        return connectTimeoutMillis > 0 ? connectTimeoutMillis : defaultHandshakeTimeoutMillis;
    }

    @Override
    public Callable<Void> handshakeDeadline(SSLEngine engine, int timeoutMillis) {
        return ((OriginatingSslEngine) engine).deadline(timeoutMillis);
    }

    @Override
    public SSLException handshakeFailure(SSLEngine engine, Throwable failure) {
        return ((OriginatingSslEngine) engine).named(failure);
    }

    /**
     * A failure a client met on a connection of {@code engine} past the engine itself: named for an originating
     * engine whose handshake had not finished, as it is for any other.
     */
    public static Throwable failureOf(SSLEngine engine, Throwable failure) {
        return engine instanceof OriginatingSslEngine ? ((OriginatingSslEngine) engine).namedUnlessFinished(failure)
                : failure;
    }

    @Override
    public IOException handshakeFailure(String host, int timeoutMillis, IOException failure) {
        counters.failed();
        return TlsConnector.failure(host, port, timeoutMillis, failure);
    }

    /** The rule as the guard's refusals name it. */
    @Override
    public String toString() {
        return "TLS to port " + port + ", " + connector.profile();
    }
}
