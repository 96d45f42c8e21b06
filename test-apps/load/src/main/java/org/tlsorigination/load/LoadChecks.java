package org.tlsorigination.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.tlsorigination.testapps.harness.AgentUnderTest;
import org.tlsorigination.testapps.harness.ChildJvm;
import org.tlsorigination.testapps.harness.SeedStage;
import org.tlsorigination.testapps.harness.StandInConnection;
import org.tlsorigination.testapps.harness.StandInRequest;
import org.tlsorigination.testapps.harness.StandInServer;

/**
 * What a load run must show, read from the server's records, the app's lines and the agent's counters. A request
 * routed by a half-loaded table would reach the plain port, lack the SNI or the client certificate, or be refused;
 * so every request must arrive on the TLS listener with edition.cnn.com as SNI and a published client certificate,
 * and the agent's counters must agree with the server's.
 */
public final class LoadChecks {
    /** What the app may hold after the load beyond what it held before it. */
    static final int MAX_MORE_FDS = 16;
    static final int MAX_MORE_THREADS = 4;
    static final long MAX_MORE_HEAP_KB = 16 * 1024;

    private final List<String> violations = new ArrayList<>();
    private final StringBuilder figures = new StringBuilder();

    LoadChecks(ChildJvm.Result app, StandInServer standIn, LiveChanges changes, int expectedRequests) {
        Map<String, Long> before = values(app, "BEFORE");
        Map<String, Long> after = values(app, "AFTER");
        Map<String, Long> counters = values(app, "COUNTERS");
        List<StandInRequest> requests = standIn.requests();
        List<StandInConnection> connections = standIn.connections();
        Set<String> published = changes.publishedSubjects();
        Set<String> presented = connections.stream().map(StandInConnection::clientSubject).collect(Collectors.toSet());

        app.stdout().lines().filter(line -> line.startsWith("CLIENT ")).forEach(line -> figure(line.substring(7)));
        figure("server: " + requests.size() + " requests on " + connections.size() + " connections ("
                + standIn.fullHandshakes() + " full handshakes), " + presented.size() + " client certificates of "
                + published.size() + " published; plain port: " + standIn.plainConnections() + " connections");
        figure("changes: " + changes.rewrites() + " rules rewrites, " + changes.rotations() + " certificate rotations");
        figure("agent: " + counters);
        figure("app before the load: " + before + "; after: " + after);

        check(app.exitCode() == 0, "the app exited with " + app.exitCode());
        check(changes.failure() == null, "a change could not be made: " + changes.failure());
        check(requests.size() == expectedRequests, "the server saw " + requests.size() + " requests, not "
                + expectedRequests);
        check(standIn.plainConnections() == 0, standIn.plainConnections() + " connections reached the plain port");
        long astray = requests.stream().filter(r -> !r.tls() || !SeedStage.HOST.equals(r.sni())
                || !"/load".equals(r.path())).count();
        check(astray == 0, astray + " requests arrived without TLS, without SNI " + SeedStage.HOST + " or elsewhere");
        check(standIn.tlsHandshakes() == connections.size(),
                (connections.size() - standIn.tlsHandshakes()) + " TLS connections never completed a handshake");
        check(published.containsAll(presented), "connections presented certificates never published: " + presented);
        // A reload takes the certificate published last, so one published between two reloads is never presented.
        check(presented.size() >= 3, "only " + presented.size() + " client certificates were presented");
        check(changes.rewrites() >= 10, "only " + changes.rewrites() + " rules rewrites happened under load");
        check(counters.getOrDefault("ConnectionsOriginated", -1L) == standIn.tlsHandshakes(),
                "the agent counted " + counters.get("ConnectionsOriginated") + " originated connections, the server "
                        + standIn.tlsHandshakes());
        for (String zero : new String[] {"HandshakeFailures", "ConnectionsRefused", "PlainTextConnections"}) {
            check(counters.getOrDefault(zero, -1L) == 0, "the agent counted " + counters.get(zero) + " " + zero);
        }
        long reloaded = app.stderr().lines().filter(line -> line.contains("] reloaded ")).count();
        // The counters are read while the reload thread goes on: a few more reloads may be logged before the exit.
        long counted = counters.getOrDefault("ReloadsSucceeded", -1L);
        check(counted >= 5 && reloaded >= counted && reloaded <= counted + 3,
                "the agent counted " + counted + " reloads and logged " + reloaded);
        // A poll between the swaps of the certificate's and the key's directory pairs one version's certificate with
        // the next one's key: that version is refused, the last good rules stay, and the next poll loads it whole.
        List<String> errors = app.stderr().lines().filter(line -> line.contains("] error: "))
                .collect(Collectors.toList());
        long torn = errors.stream().filter(line -> line.contains("does not belong to the first certificate")).count();
        long failed = counters.getOrDefault("ReloadsFailed", -1L);
        check(torn == errors.size() && failed >= 0 && failed <= torn,
                "the agent counted " + counters.get("ReloadsFailed") + " failed reloads and logged " + errors);
        figure("reloads refused for a certificate and key of two versions: " + torn);
        growth(before, after, "fds", MAX_MORE_FDS);
        growth(before, after, "threads", MAX_MORE_THREADS);
        growth(before, after, "heapKb", MAX_MORE_HEAP_KB);
        List<String> warnings = AgentUnderTest.jvmWarningsAboutTheAgent(app.stderr());
        check(warnings.isEmpty(), "the JVM warned about the agent: " + warnings);
        if (!violations.isEmpty()) {
            figure("--- app stdout ---\n" + app.stdout() + "--- app stderr (last 4000 characters) ---\n"
                    + app.stderr().substring(Math.max(0, app.stderr().length() - 4000)));
        }
    }

    /** The figures of the run, one line each, for a human. */
    public String figures() {
        return figures.toString();
    }

    /** Every check that failed, in words; empty when the run kept the promise. */
    public List<String> violations() {
        return List.copyOf(violations);
    }

    private void growth(Map<String, Long> before, Map<String, Long> after, String name, long bound) {
        long grown = after.getOrDefault(name, Long.MAX_VALUE) - before.getOrDefault(name, 0L);
        check(grown <= bound, name + " grew by " + grown + " over the load, more than " + bound);
    }

    private void check(boolean holds, String violation) {
        if (!holds) {
            violations.add(violation);
        }
    }

    private void figure(String line) {
        figures.append(line).append('\n');
    }

    /** The {@code name=value} pairs the app printed after {@code key}; empty if it printed none. */
    private static Map<String, Long> values(ChildJvm.Result app, String key) {
        Map<String, Long> values = new TreeMap<>();
        app.stdout().lines().filter(line -> line.startsWith(key + " ")).findFirst().ifPresent(line -> {
            for (String pair : line.substring(key.length() + 1).split(" ")) {
                int equals = pair.indexOf('=');
                values.put(pair.substring(0, equals), Long.parseLong(pair.substring(equals + 1)));
            }
        });
        return values;
    }
}
