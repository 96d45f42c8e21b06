package org.tlsorigination.agent.metrics;

/**
 * {@code tlsorigination:type=Agent}: what the agent did in this JVM since it started. The counters add up across
 * reloads; {@code RuleCount}, {@code RulesFile} and {@code LastReload} describe the rules in force.
 */
public interface AgentMXBean {

    /** Handshakes completed for connections a rule originates. */
    long getConnectionsOriginated();

    /** Handshakes that failed for connections a rule originates; the app got an exception each time. */
    long getHandshakeFailures();

    /** Connections refused by the guard or by the outbound traffic policy. */
    long getConnectionsRefused();

    /** Plain-text connects to non-loopback hosts and ports that no rule declares. */
    long getPlainTextConnections();

    /** Originated handshakes that resumed an earlier session instead of a full handshake. */
    long getSessionsResumed();

    long getReloadsSucceeded();

    /** Versions of the rules that did not load, each counted once however often it was retried. */
    long getReloadsFailed();

    /** Host and port pairs the rules in force originate TLS for. */
    int getRuleCount();

    String getRulesFile();

    /** When the rules in force were loaded, ISO-8601 in UTC. */
    String getLastReload();
}
