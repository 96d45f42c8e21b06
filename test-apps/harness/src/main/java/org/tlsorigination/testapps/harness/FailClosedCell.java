package org.tlsorigination.testapps.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One cell of the fail-closed matrix: what the app reported for one server, how long after its previous line, what
 * the server saw, and whatever of that breaks the promise.
 */
final class FailClosedCell {
    private static final Pattern OK = Pattern.compile("(^|\\s)200(\\s|,|$)");

    private final FailClosedServer server;
    private final String report;
    private final long millis;
    private final boolean failed;
    private final String seen;
    private final boolean hostLeftUnnamed;
    private final List<String> problems = new ArrayList<>();

    private FailClosedCell(FailClosedServer server, Outcome outcome, long previousMillis, Outcome next,
                           StandInServer standIn, boolean hostLeftUnnamed) {
        this.server = server;
        this.report = outcome.report;
        this.millis = outcome.millis - previousMillis;
        this.failed = outcome.failed;
        this.seen = standIn.tlsConnections() + " TLS connections, " + standIn.tlsHandshakes() + " handshakes, "
                + standIn.requests().size() + " requests, " + standIn.plainConnections() + " connections to the plain "
                + "port, " + (standIn.plainBytesReceived() + standIn.nonTlsBytesReceived()) + " plain bytes";
        this.hostLeftUnnamed = hostLeftUnnamed;
        if (server.mustFail()) {
            judgeFailure(standIn);
        } else if (failed || standIn.requests().size() != 1 || !standIn.requests().get(0).tls()) {
            problems.add(server + ": the request should have succeeded over TLS: " + report + "; the server saw "
                    + seen);
        }
        if (next.failed) {
            problems.add(server + ": the app's next request, to the good server, failed: " + next.report);
        }
    }

    private void judgeFailure(StandInServer standIn) {
        if (!failed) {
            problems.add(server + ": the request did not fail: " + report);
        } else {
            if (report.contains(SeedStage.HOST) == hostLeftUnnamed) {
                problems.add(server + (hostLeftUnnamed ? ": the failure is said not to name " + SeedStage.HOST
                        + ", but does: " : ": the failure does not name " + SeedStage.HOST + ": ") + report);
            }
            if (!server.namesTheReason(report)) {
                problems.add(server + ": the failure does not name its reason: " + report);
            }
        }
        if (millis > FailClosedRow.BOUND_MILLIS) {
            problems.add(server + ": the failure took " + millis + " ms, more than " + FailClosedRow.BOUND_MILLIS);
        }
        if (!standIn.requests().isEmpty() || standIn.plainConnections() > 0 || standIn.plainBytesReceived() > 0
                || standIn.nonTlsBytesReceived() > 0 || standIn.tlsHandshakes() > 0) {
            problems.add(server + ": the server saw " + seen + ": " + standIn.summary());
        }
    }

    /**
     * The cells of one run, from the app's lines, stderr's among stdout's: a line that starts with
     * {@code failurePrefix} is a failed request's outcome, with the indented lines after it, and one with the status
     * 200 a response; the agent's lines and the rest are left out. The servers named in {@code hostLeftUnnamed} are
     * those whose failure the family reports without the host, as its documentation says.
     */
    static List<FailClosedCell> of(ChildJvm.Result result, String failurePrefix, FailClosedRow row,
                                   Set<String> hostLeftUnnamed) {
        List<Outcome> outcomes = new ArrayList<>();
        for (TimedLine line : result.lines()) {
            boolean failed = line.text().startsWith(failurePrefix);
            if (failed || OK.matcher(line.text()).find()) {
                outcomes.add(new Outcome(line.text(), line.millis(), failed));
            } else if (line.text().startsWith("  ") && !outcomes.isEmpty()) {
                outcomes.get(outcomes.size() - 1).report += " " + line.text().trim();
            }
        }
        FailClosedServer[] servers = FailClosedServer.values();
        if (outcomes.size() != 2 + 2 * servers.length) {
            throw new AssertionError("expected " + (2 + 2 * servers.length) + " outcomes, one per URL, got "
                    + outcomes.size() + ": " + result);
        }
        List<FailClosedCell> cells = new ArrayList<>();
        for (int i = 0; i < servers.length; i++) {
            cells.add(new FailClosedCell(servers[i], outcomes.get(2 * i + 2), outcomes.get(2 * i + 1).millis,
                    outcomes.get(2 * i + 3), row.server(servers[i]), hostLeftUnnamed.contains(servers[i].name())));
        }
        return cells;
    }

    FailClosedServer server() {
        return server;
    }

    List<String> problems() {
        return problems;
    }

    /** The table's cell: the outcome and its time, and any broken promise in bold. */
    String summary() {
        String outcome = (failed ? "fails" : "succeeds") + ", " + millis + " ms"
                + (hostLeftUnnamed ? ", host not named" : "");
        return problems.isEmpty() ? outcome : outcome + " **" + problems.size() + " problem(s)**";
    }

    /** The app's report and what the server saw, for the table's notes. */
    String details() {
        return report + " (server: " + seen + ")";
    }

    /** One request's outcome as the app printed it. */
    private static final class Outcome {
        private String report;
        private final long millis;
        private final boolean failed;

        Outcome(String report, long millis, boolean failed) {
            this.report = report;
            this.millis = millis;
            this.failed = failed;
        }
    }
}
