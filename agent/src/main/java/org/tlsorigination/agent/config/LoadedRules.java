package org.tlsorigination.agent.config;

import java.util.List;
import org.tlsorigination.agent.route.RouteTable;

/** A rules file compiled: the table, and what the agent should log about it. */
public final class LoadedRules {
    private final RouteTable table;
    private final int resourceCount;
    private final OutboundTrafficPolicy outboundTrafficPolicy;
    private final List<String> notes;
    private final List<String> warnings;

    LoadedRules(RouteTable table, int resourceCount, OutboundTrafficPolicy outboundTrafficPolicy, List<String> notes,
                List<String> warnings) {
        this.table = table;
        this.resourceCount = resourceCount;
        this.outboundTrafficPolicy = outboundTrafficPolicy;
        this.notes = List.copyOf(notes);
        this.warnings = List.copyOf(warnings);
    }

    public RouteTable table() {
        return table;
    }

    /** The number of Istio resources, or of short-form entries, the file held. */
    public int resourceCount() {
        return resourceCount;
    }

    /** The policy the file sets, or null when it leaves it to the settings. */
    public OutboundTrafficPolicy outboundTrafficPolicy() {
        return outboundTrafficPolicy;
    }

    /** Fields accepted but without effect inside one JVM, each as {@code file:line: field: text}; log at INFO. */
    public List<String> notes() {
        return notes;
    }

    /** Settings that weaken security, each as {@code file:line: field: text}; log at WARNING. */
    public List<String> warnings() {
        return warnings;
    }
}
