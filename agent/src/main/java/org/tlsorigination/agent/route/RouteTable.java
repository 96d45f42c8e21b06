package org.tlsorigination.agent.route;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The compiled rules: {@code (host, port) -> Decision}. Immutable; exact hosts win over wildcards, and a longer
 * wildcard suffix wins over a shorter one. Host names compare case-insensitively. Host patterns whose rules are the
 * same share one {@link PortTable}, so the table grows with the rules, not with hosts times ports.
 */
public final class RouteTable {
    public static final RouteTable EMPTY = new Builder().build();

    private final HostIndex<PortTable> hosts;
    private final Map<String, PortTable> byPattern;
    private final long size;
    private final Set<Decision> decisions;

    private RouteTable(HostIndex<PortTable> hosts, Map<String, PortTable> byPattern, long size,
                       Set<Decision> decisions) {
        this.hosts = hosts;
        this.byPattern = byPattern;
        this.size = size;
        this.decisions = decisions;
    }

    /** The decision for host:port, or {@link Decision#UNDECLARED} when no rule names them. Allocates nothing. */
    public Decision route(String host, int port) {
        PortTable ports = host == null ? null : hosts.mostSpecific(host);
        return ports == null ? Decision.UNDECLARED : ports.decision(port);
    }

    /** Every host pattern with its ports' decisions, for logging; port maps are views of shared tables. */
    public Map<String, Map<Integer, Decision>> entries() {
        Map<String, Map<Integer, Decision>> all = new LinkedHashMap<>();
        for (Map.Entry<String, PortTable> pattern : byPattern.entrySet()) {
            all.put(pattern.getKey(), pattern.getValue().asMap());
        }
        return Collections.unmodifiableMap(all);
    }

    /** Every distinct originating decision, each once: what needs a TLS route. */
    public Set<Decision> originatingDecisions() {
        return decisions;
    }

    /** The number of (host pattern, port) pairs that originate TLS. */
    public long size() {
        return size;
    }

    public static final class Builder {
        private final Map<String, Map<Integer, Decision>> routes = new LinkedHashMap<>();
        private final Map<String, PortTable> tables = new LinkedHashMap<>();

        /**
         * Adds a route for an exact host or a {@code *.suffix} wildcard. A later route for the same host and port
         * replaces an earlier one.
         */
        public Builder route(String hostPattern, int port, Decision decision) {
            String pattern = normalize(hostPattern);
            if (tables.containsKey(pattern)) {
                throw new IllegalArgumentException(hostPattern + " already has a port table");
            }
            routes.computeIfAbsent(pattern, k -> new LinkedHashMap<>()).put(port, decision);
            return this;
        }

        /** Gives a host pattern a whole port table, which other patterns may share. */
        public Builder ports(String hostPattern, PortTable ports) {
            String pattern = normalize(hostPattern);
            if (routes.containsKey(pattern) || tables.putIfAbsent(pattern, ports) != null) {
                throw new IllegalArgumentException(hostPattern + " already has routes");
            }
            return this;
        }

        public RouteTable build() {
            Map<String, PortTable> byPattern = new LinkedHashMap<>(tables);
            routes.forEach((pattern, ports) -> {
                int[] numbers = new int[ports.size()];
                int i = 0;
                for (int port : ports.keySet()) {
                    numbers[i++] = port;
                }
                byPattern.put(pattern, PortTable.of(numbers, ports.values().toArray(new Decision[0])));
            });
            HostIndex<PortTable> hosts = new HostIndex<>();
            Map<PortTable, Boolean> distinctTables = new IdentityHashMap<>();
            Set<Decision> decisions = Collections.newSetFromMap(new IdentityHashMap<>());
            long size = 0;
            for (Map.Entry<String, PortTable> entry : byPattern.entrySet()) {
                if (hosts.putIfAbsent(entry.getKey(), entry.getValue()) != null) {
                    throw new IllegalArgumentException(entry.getKey() + " is given twice");
                }
                size += entry.getValue().originating();
                if (distinctTables.put(entry.getValue(), Boolean.TRUE) == null) {
                    entry.getValue().addOriginating(decisions);
                }
            }
            return new RouteTable(hosts, Collections.unmodifiableMap(byPattern), size,
                    Collections.unmodifiableSet(decisions));
        }

        private static String normalize(String host) {
            String name = host.toLowerCase(Locale.ROOT);
            int star = name.lastIndexOf('*');
            if (star > 0 || star == 0 && !name.startsWith("*.")) {
                throw new IllegalArgumentException("only a leading '*.' wildcard is supported: " + host);
            }
            return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        }
    }
}
