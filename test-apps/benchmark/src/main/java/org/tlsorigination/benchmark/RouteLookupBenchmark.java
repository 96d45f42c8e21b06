package org.tlsorigination.benchmark;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.tlsorigination.agent.route.Decision;
import org.tlsorigination.agent.route.RouteTable;
import org.tlsorigination.agent.route.TlsProfile;

/** What every connect asks the agent: the route for a host and port, in a table of 100,000 rules. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RouteLookupBenchmark {
    private static final int RULES = 100_000;
    private static final int NAMES = 1024;

    private RouteTable table;
    private final String[] exactHosts = new String[NAMES];
    private final String[] wildcardHosts = new String[NAMES];
    private final String[] unknownHosts = new String[NAMES];
    private int next;

    /** Half exact hosts, half wildcard suffixes, each sending port 80 to TLS on 443. */
    @Setup
    public void compileRules() {
        Decision tls = Decision.originate(443, TlsProfile.verifyingDefaults());
        RouteTable.Builder builder = new RouteTable.Builder();
        for (int i = 0; i < RULES / 2; i++) {
            builder.route("service-" + i + ".team-" + (i % 97) + ".example.com", 80, tls);
            builder.route("*.zone-" + i + ".example.net", 80, tls);
        }
        table = builder.build();
        for (int i = 0; i < NAMES; i++) {
            int rule = i * (RULES / 2 / NAMES);
            exactHosts[i] = "service-" + rule + ".team-" + (rule % 97) + ".example.com";
            wildcardHosts[i] = "api.eu-west.zone-" + rule + ".example.net";
            unknownHosts[i] = "host-" + i + ".unrelated.example.org";
        }
    }

    @Benchmark
    public Decision exactHost() {
        return table.route(exactHosts[next++ & (NAMES - 1)], 80);
    }

    @Benchmark
    public Decision wildcardHost() {
        return table.route(wildcardHosts[next++ & (NAMES - 1)], 80);
    }

    @Benchmark
    public Decision hostNoRuleNames() {
        return table.route(unknownHosts[next++ & (NAMES - 1)], 80);
    }
}
