package org.tlsorigination.agent.route;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The compiled rules: {@code (host, port) -> Decision}. Immutable; exact hosts win over wildcards, and a longer
 * wildcard suffix wins over a shorter one. Host names compare case-insensitively.
 */
public final class RouteTable {
    public static final RouteTable EMPTY = new Builder().build();

    private final Map<String, Map<Integer, Decision>> exactHosts;
    /** Keyed by the suffix including its leading dot: {@code "*.cnn.com"} is stored as {@code ".cnn.com"}. */
    private final Map<String, Map<Integer, Decision>> wildcardSuffixes;
    private final HostIndex exactIndex;
    private final HostIndex wildcardIndex;
    private final int size;

    private RouteTable(Map<String, Map<Integer, Decision>> exactHosts,
                       Map<String, Map<Integer, Decision>> wildcardSuffixes, int size) {
        this.exactHosts = exactHosts;
        this.wildcardSuffixes = wildcardSuffixes;
        this.exactIndex = new HostIndex(exactHosts);
        this.wildcardIndex = new HostIndex(wildcardSuffixes);
        this.size = size;
    }

    /**
     * The decision for host:port, or {@link Decision#UNDECLARED} when no rule names them. Every connect asks, so it
     * allocates nothing for an ASCII name: it hashes the name in lower case as {@link String#hashCode()} would, and
     * the index compares in place.
     */
    public Decision route(String host, int port) {
        if (host == null) {
            return Decision.UNDECLARED;
        }
        int end = host.endsWith(".") ? host.length() - 1 : host.length();
        int hash = 0;
        for (int i = 0; i < end; i++) {
            char c = host.charAt(i);
            if (c >= 0x80) {
                // Lower-casing beyond ASCII can change a name's length or make it ASCII: do it as the table did.
                String name = normalize(host);
                return name.equals(host) ? routeNormalized(name, port) : route(name, port);
            }
            hash = 31 * hash + HostIndex.lower(c);
        }
        Decision exact = exactIndex.find(host, 0, end, hash, port);
        if (exact != null) {
            return exact;
        }
        return wildcardIndex.isEmpty() ? Decision.UNDECLARED : longestWildcardMatch(host, end, port);
    }

    /**
     * From the end of the name, hashing the suffix as it grows: at each dot where a wildcard of that length could
     * start, one lookup. The last one found is the longest.
     */
    private Decision longestWildcardMatch(String host, int end, int port) {
        int hash = 0;
        int power = 1;
        Decision longest = Decision.UNDECLARED;
        for (int i = end - 1; i >= 0; i--) {
            char c = host.charAt(i);
            hash += HostIndex.lower(c) * power;
            power *= 31;
            if (c == '.' && wildcardIndex.mayHoldKeyOfLength(end - i)) {
                Decision found = wildcardIndex.find(host, i, end, hash, port);
                longest = found != null ? found : longest;
            }
        }
        return longest;
    }

    /** For a name already in lower case that holds characters beyond ASCII, which the index compares as they are. */
    private Decision routeNormalized(String name, int port) {
        Decision exact = exactIndex.find(name, 0, name.length(), name.hashCode(), port);
        if (exact != null) {
            return exact;
        }
        for (int dot = name.indexOf('.'); dot >= 0; dot = name.indexOf('.', dot + 1)) {
            Decision wildcard = wildcardIndex.find(name, dot, name.length(), name.substring(dot).hashCode(), port);
            if (wildcard != null) {
                return wildcard;
            }
        }
        return Decision.UNDECLARED;
    }

    /** Every host pattern and port with its decision, for logging. */
    public Map<String, Map<Integer, Decision>> entries() {
        Map<String, Map<Integer, Decision>> all = new HashMap<>(exactHosts);
        wildcardSuffixes.forEach((suffix, ports) -> all.put("*" + suffix, ports));
        return Collections.unmodifiableMap(all);
    }

    /** The number of (host pattern, port) pairs that originate TLS. */
    public int size() {
        return size;
    }

    private static String normalize(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    public static final class Builder {
        private final Map<String, Map<Integer, Decision>> exactHosts = new HashMap<>();
        private final Map<String, Map<Integer, Decision>> wildcardSuffixes = new HashMap<>();

        /**
         * Adds a route for an exact host or a {@code *.suffix} wildcard. A later route for the same host and port
         * replaces an earlier one.
         */
        public Builder route(String hostPattern, int port, Decision decision) {
            String pattern = normalize(hostPattern);
            if (pattern.startsWith("*.")) {
                wildcardSuffixes.computeIfAbsent(pattern.substring(1), k -> new HashMap<>()).put(port, decision);
            } else if (pattern.contains("*")) {
                throw new IllegalArgumentException("only a leading '*.' wildcard is supported: " + hostPattern);
            } else {
                exactHosts.computeIfAbsent(pattern, k -> new HashMap<>()).put(port, decision);
            }
            return this;
        }

        /** Each originating route's target port counts as declared for its host, as the connection goes there. */
        public RouteTable build() {
            declareTargetPorts(exactHosts);
            declareTargetPorts(wildcardSuffixes);
            return new RouteTable(freeze(exactHosts), freeze(wildcardSuffixes),
                    count(exactHosts) + count(wildcardSuffixes));
        }

        private static void declareTargetPorts(Map<String, Map<Integer, Decision>> hosts) {
            for (Map<Integer, Decision> ports : hosts.values()) {
                for (Decision decision : List.copyOf(ports.values())) {
                    if (decision.originates()) {
                        ports.putIfAbsent(decision.port(), Decision.PASS);
                    }
                }
            }
        }

        private static Map<String, Map<Integer, Decision>> freeze(Map<String, Map<Integer, Decision>> hosts) {
            Map<String, Map<Integer, Decision>> copy = new HashMap<>();
            hosts.forEach((host, ports) -> copy.put(host, Map.copyOf(ports)));
            return Map.copyOf(copy);
        }

        private static int count(Map<String, Map<Integer, Decision>> hosts) {
            int n = 0;
            for (Map<Integer, Decision> ports : hosts.values()) {
                for (Decision d : ports.values()) {
                    if (d.originates()) {
                        n++;
                    }
                }
            }
            return n;
        }
    }
}
