package org.tlsorigination.agent.metrics;

import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLSession;
import org.tlsorigination.agent.Log;

/**
 * The outcomes of the handshakes of one route, a host pattern and port, added to the agent's: told by the TLS layer
 * wherever it runs or watches a handshake, without a lock and without allocating unless the debug log is on. A route
 * of a file too large to count route by route has no name, and counts only into the agent's totals.
 */
public final class RouteCounters implements RouteMXBean {
    private final String host;
    private final int port;
    private final AtomicLong originated = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    private RouteCounters(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** The counters of host:port, carried over from the rules in force when they name it too: reloads keep counts. */
    public static RouteCounters of(String hostPattern, int port) {
        RouteCounters installed = InstalledRoutes.counters(hostPattern, port);
        return installed != null ? installed : new RouteCounters(hostPattern, port);
    }

    /** For a route that shares its counters with every other of its TLS settings and port: no MBean of its own. */
    public static RouteCounters unnamed() {
        return new RouteCounters(null, -1);
    }

    /**
     * A handshake with {@code peer} at {@code targetPort} completed. A session created before the handshake started
     * was resumed, which the JDK tells apart that way for TLS 1.3 and 1.2 alike.
     *
     * @param startedMillis when the handshake started, by the wall clock that session creation times use
     */
    public void completed(String peer, int targetPort, SSLSession session, long startedMillis, long startedNanos) {
        boolean resumed = session.getCreationTime() < startedMillis;
        originated.incrementAndGet();
        AgentCounters.AGENT.originated(resumed);
        if (Log.enabled(Log.Level.DEBUG)) {
            Log.debug("originated " + peer + (host == null ? "" : ":" + port) + " over TLS to port " + targetPort
                    + ": " + session.getProtocol() + ", " + session.getCipherSuite() + ", "
                    + (resumed ? "resumed session" : "new session") + ", handshake "
                    + (System.nanoTime() - startedNanos) / 1_000_000 + " ms");
        }
    }

    public void failed() {
        failures.incrementAndGet();
        AgentCounters.AGENT.handshakeFailed();
    }

    /** The host pattern, or null for a route without a name of its own. */
    String host() {
        return host;
    }

    int port() {
        return port;
    }

    @Override
    public long getConnectionsOriginated() {
        return originated.get();
    }

    @Override
    public long getHandshakeFailures() {
        return failures.get();
    }
}
