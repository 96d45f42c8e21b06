package org.tlsorigination.agent.config;

import java.nio.file.Path;
import java.util.List;
import org.tlsorigination.agent.route.RouteTable;

/** A rules file compiled: the table, the files it names, and what the agent should log about it. */
public final class LoadedRules {
    private final RouteTable table;
    private final int resourceCount;
    private final OutboundTrafficPolicy outboundTrafficPolicy;
    private final List<String> notes;
    private final List<String> warnings;
    private final ReferencedFiles files;

    LoadedRules(RouteTable table, int resourceCount, OutboundTrafficPolicy outboundTrafficPolicy, List<String> notes,
                List<String> warnings, ReferencedFiles files) {
        this.table = table;
        this.resourceCount = resourceCount;
        this.outboundTrafficPolicy = outboundTrafficPolicy;
        this.notes = List.copyOf(notes);
        this.warnings = List.copyOf(warnings);
        this.files = files;
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

    /** Settings that weaken security or leave nothing to do, each as {@code file:line: field: text}; log at WARNING. */
    public List<String> warnings() {
        return warnings;
    }

    /** The certificate, key, CA and CRL files the rules name, each once. */
    public List<Path> referencedFiles() {
        return files.files();
    }

    /**
     * A problem found in the content of one of {@link #referencedFiles()}, reported at the field that named it.
     *
     * @param problem words that follow the file's name, e.g. {@code "holds no certificate"}
     */
    public ConfigException fileError(Path file, String problem) {
        return files.error(file, problem);
    }
}
