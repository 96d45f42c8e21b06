package org.tlsorigination.agent.metrics;

import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The agent-wide counters of this JVM, which runs one agent: each an {@link AtomicLong} bumped where its event
 * happens, so counting takes no lock and allocates nothing. They add up across reloads.
 */
public final class AgentCounters implements AgentMXBean {
    public static final AgentCounters AGENT = new AgentCounters();

    private final AtomicLong originated = new AtomicLong();
    private final AtomicLong handshakeFailures = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong sessionsResumed = new AtomicLong();
    private final AtomicLong reloadsSucceeded = new AtomicLong();
    private final AtomicLong reloadsFailed = new AtomicLong();
    private volatile int ruleCount;
    private volatile String rulesFile = "";
    /** Formatted only when read, so that start-up loads nothing of java.time. */
    private volatile long lastReloadMillis;

    private AgentCounters() {
    }

    void originated(boolean resumed) {
        originated.incrementAndGet();
        if (resumed) {
            sessionsResumed.incrementAndGet();
        }
    }

    void handshakeFailed() {
        handshakeFailures.incrementAndGet();
    }

    /** A connection the guard or the outbound traffic policy refused. */
    public void refused() {
        refused.incrementAndGet();
    }

    public void reloadSucceeded() {
        reloadsSucceeded.incrementAndGet();
    }

    public void reloadFailed() {
        reloadsFailed.incrementAndGet();
    }

    /** The rules now in force: their file and how many host and port pairs they originate. */
    public void rulesInForce(Path file, long routes) {
        ruleCount = (int) Math.min(routes, Integer.MAX_VALUE);
        rulesFile = file.toString();
        lastReloadMillis = System.currentTimeMillis();
    }

    @Override
    public long getConnectionsOriginated() {
        return originated.get();
    }

    @Override
    public long getHandshakeFailures() {
        return handshakeFailures.get();
    }

    @Override
    public long getConnectionsRefused() {
        return refused.get();
    }

    @Override
    public long getPlainTextConnections() {
        return PlainTextDestinations.SEEN.plainTextConnections();
    }

    @Override
    public long getSessionsResumed() {
        return sessionsResumed.get();
    }

    @Override
    public long getReloadsSucceeded() {
        return reloadsSucceeded.get();
    }

    @Override
    public long getReloadsFailed() {
        return reloadsFailed.get();
    }

    @Override
    public int getRuleCount() {
        return ruleCount;
    }

    @Override
    public String getRulesFile() {
        return rulesFile;
    }

    @Override
    public String getLastReload() {
        long millis = lastReloadMillis;
        return millis == 0 ? "" : Instant.ofEpochMilli(millis).toString();
    }
}
