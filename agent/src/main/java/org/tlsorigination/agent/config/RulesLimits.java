package org.tlsorigination.agent.config;

/**
 * What one rules file may hold, so that loading it takes bounded time and memory whatever its shape; the README's
 * "Limits" table lists these. The file's size is bounded by {@code FileKind.RULES}.
 */
final class RulesLimits {
    /** Distinct host patterns, across all resources. */
    static final int HOSTS = 50_000;
    /**
     * Compiled (host group, port) entries: hosts that share their ServiceEntry, VirtualService and DestinationRule
     * share one port table, so this grows with the resources, not with hosts times ports.
     */
    static final int ROUTES = 1_000_000;
    /** Distinct TLS settings: each becomes an SSLContext, built when the rules load. */
    static final int TLS_PROFILES = 64;
    /** Distinct certificate, key, CA and CRL files, and their bytes together, which bound the TLS set-up's time. */
    static final int FILES = 32;
    static final long FILE_BYTES = 16L << 20;

    private RulesLimits() {
    }
}
