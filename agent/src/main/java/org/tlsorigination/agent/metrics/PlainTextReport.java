package org.tlsorigination.agent.metrics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.tlsorigination.agent.Log;
import org.tlsorigination.agent.config.ShortFormReport;

/**
 * Keeps {@code tlsorigination.report} up to date: the plain-text destinations no rule covers, as a rules file that
 * originates exactly them, and those the app secures itself, which it allows. It is written whole beside the old one
 * and renamed over it, as a ConfigMap is, so a reader never sees half a file; and at most {@link
 * PlainTextDestinations#limit()} destinations long. Its failures are logged once and never reach the app.
 */
public final class PlainTextReport {
    private final Path file;
    private final String agent;
    private final long sinceMillis = System.currentTimeMillis();
    private String written;
    private String lastError;

    public PlainTextReport(Path file, String agent) {
        this.file = file.toAbsolutePath();
        this.agent = agent;
    }

    /** Writes the report once more when the JVM exits, however it exits. */
    public void writeAtExit() {
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(this::write, "tls-origination-report"));
        } catch (IllegalStateException | SecurityException e) {
            failed("cannot write " + file + " at exit: " + e);
        }
    }

    /** Writes the report if its content changed since the last write. */
    public synchronized void write() {
        try {
            String report = render(PlainTextDestinations.SEEN);
            if (!report.equals(written)) {
                // Named by the process rather than by Files.createTempFile, whose SecureRandom costs a JVM's exit
                // a tenth of a second; created new, so a link planted under that name is never followed.
                Path next = file.resolveSibling("." + file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
                try {
                    Files.deleteIfExists(next);
                    Files.writeString(next, report, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                            StandardOpenOption.WRITE);
                    Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } finally {
                    Files.deleteIfExists(next);
                }
                written = report;
                lastError = null;
            }
        } catch (IOException | RuntimeException e) {
            failed("cannot write the report " + file + ": " + e);
        }
    }

    String render(PlainTextDestinations seen) {
        ShortFormReport report = new ShortFormReport()
                .comment("Plain-text destinations that no rule covers, seen by " + agent + ",")
                .comment("in process " + ProcessHandle.current().pid() + " since " + Instant.ofEpochMilli(sinceMillis)
                        + ".")
                .comment("Give this file as the rules (tlsorigination.rules) to originate TLS for those under")
                .comment("originate, each to its targetPort: 443 unless you change it. Those under allow are TLS")
                .comment("the app makes itself; they stay as they are, and reachable under REGISTRY_ONLY.");
        if (seen.full()) {
            report.comment("Capped at " + seen.limit() + " destinations: " + seen.unlistedConnections()
                    + " more connects went to others, which are not listed.");
        }
        List<PlainTextDestinations.Destination> destinations = seen.snapshot();
        destinations.sort(Comparator.comparing(PlainTextDestinations.Destination::host)
                .thenComparingInt(PlainTextDestinations.Destination::port));
        for (PlainTextDestinations.Destination destination : destinations) {
            if (destination.securedByApp()) {
                report.allow(destination.host(), destination.port(), "the app's own TLS, first from "
                        + destination.firstCaller());
            } else {
                long connections = destination.connections();
                report.originate(destination.host(), destination.port(), connections + " plain-text connection"
                        + (connections == 1 ? "" : "s") + ", the first from " + destination.firstCaller());
            }
        }
        return report.render();
    }

    private void failed(String error) {
        if (!error.equals(lastError)) {
            Log.error(error);
        }
        lastError = error;
    }
}
