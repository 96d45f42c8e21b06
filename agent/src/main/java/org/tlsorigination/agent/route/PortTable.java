package org.tlsorigination.agent.route;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The decisions for one host pattern's declared ports: two sorted arrays, shared by every host pattern whose rules
 * are the same, and read by binary search without allocating.
 */
public final class PortTable {
    private final int[] ports;
    private final Decision[] decisions;
    private final int originating;

    private PortTable(int[] ports, Decision[] decisions) {
        this.ports = ports;
        this.decisions = decisions;
        int count = 0;
        for (Decision decision : decisions) {
            if (decision.originates()) {
                count++;
            }
        }
        this.originating = count;
    }

    /**
     * A table of {@code ports[i] -> decisions[i]}; each originating decision's target port counts as declared (PASS)
     * too, as the connection goes there.
     *
     * @throws IllegalArgumentException when a port is given twice
     */
    public static PortTable of(int[] ports, Decision[] decisions) {
        int n = ports.length;
        long[] order = new long[n];
        for (int i = 0; i < n; i++) {
            order[i] = (long) ports[i] << 32 | i;
        }
        Arrays.sort(order);
        int[] sortedPorts = new int[n];
        Decision[] sortedDecisions = new Decision[n];
        for (int i = 0; i < n; i++) {
            sortedPorts[i] = (int) (order[i] >>> 32);
            sortedDecisions[i] = decisions[(int) order[i]];
            if (i > 0 && sortedPorts[i] == sortedPorts[i - 1]) {
                throw new IllegalArgumentException("port " + sortedPorts[i] + " is given twice");
            }
        }
        return withTargetPorts(sortedPorts, sortedDecisions);
    }

    private static PortTable withTargetPorts(int[] ports, Decision[] decisions) {
        int[] targets = new int[decisions.length];
        int added = 0;
        for (Decision decision : decisions) {
            if (decision.originates() && Arrays.binarySearch(ports, decision.port()) < 0) {
                targets[added++] = decision.port();
            }
        }
        if (added == 0) {
            return new PortTable(ports, decisions);
        }
        Arrays.sort(targets, 0, added);
        int[] allPorts = Arrays.copyOf(ports, ports.length + added);
        int n = ports.length;
        for (int i = 0; i < added; i++) {
            if (i == 0 || targets[i] != targets[i - 1]) {
                allPorts[n++] = targets[i];
            }
        }
        Decision[] allDecisions = Arrays.copyOf(decisions, n);
        Arrays.fill(allDecisions, ports.length, n, Decision.PASS);
        return of(Arrays.copyOf(allPorts, n), allDecisions);
    }

    /** The decision for {@code port}, or {@link Decision#UNDECLARED}. */
    public Decision decision(int port) {
        int i = Arrays.binarySearch(ports, port);
        return i >= 0 ? decisions[i] : Decision.UNDECLARED;
    }

    /** Adds each originating decision to {@code into}. */
    void addOriginating(Set<Decision> into) {
        for (Decision decision : decisions) {
            if (decision.originates()) {
                into.add(decision);
            }
        }
    }

    /** The number of ports that originate TLS. */
    public int originating() {
        return originating;
    }

    public int size() {
        return ports.length;
    }

    /** Every port with its decision, in port order: a view, for logging. */
    public Map<Integer, Decision> asMap() {
        return new AbstractMap<>() {
            @Override
            public Set<Entry<Integer, Decision>> entrySet() {
                return new AbstractSet<>() {
                    @Override
                    public Iterator<Entry<Integer, Decision>> iterator() {
                        // Not a stream: the agent's start walks these, and a stream's first use costs milliseconds.
                        return new Iterator<>() {
                            private int next;

                            @Override
                            public boolean hasNext() {
                                return next < ports.length;
                            }

                            @Override
                            public Entry<Integer, Decision> next() {
                                if (next == ports.length) {
                                    throw new NoSuchElementException();
                                }
                                int i = next++;
                                return new SimpleImmutableEntry<>(ports[i], decisions[i]);
                            }
                        };
                    }

                    @Override
                    public int size() {
                        return ports.length;
                    }
                };
            }
        };
    }
}
