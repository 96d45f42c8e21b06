package org.tlsorigination.agent.config;

import java.util.List;
import org.tlsorigination.agent.route.RouteTable;

/** A rules file compiled: the table, and what the agent should log about it. */
public final class LoadedRules {
    private final RouteTable table;
    private final int resourceCount;
    private final List<String> notes;
    private final List<String> warnings;

    LoadedRules(RouteTable table, int resourceCount, List<String> notes, List<String> warnings) {
        this.table = table;
        this.resourceCount = resourceCount;
        this.notes = List.copyOf(notes);
        this.warnings = List.copyOf(warnings);
    }

    public RouteTable table() {
        return table;
    }

    /** The number of Istio resources the file held. */
    public int resourceCount() {
        return resourceCount;
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
