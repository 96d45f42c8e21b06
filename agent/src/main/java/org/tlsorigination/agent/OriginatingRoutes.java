package org.tlsorigination.agent;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.tlsorigination.agent.bootstrap.Route;
import org.tlsorigination.agent.metrics.RouteCounters;
import org.tlsorigination.agent.route.Decision;
import org.tlsorigination.agent.route.HostIndex;
import org.tlsorigination.agent.route.RouteTable;
import org.tlsorigination.agent.route.TlsProfile;
import org.tlsorigination.agent.tls.OriginatingRoute;
import org.tlsorigination.agent.tls.TlsConnector;

/**
 * The facade's routes of one version of the rules, each counting its own handshakes: one per host pattern and port
 * that a rule originates, found again from the host by the route table's own most-specific match. The table shares
 * one decision among routes that decide alike, to stay linear in the rules; so a file with more than {@link #NAMED}
 * such pairs gets one route per decision instead, counted only into the agent's totals.
 */
final class OriginatingRoutes {
    static final int NAMED = 1000;

    private final HostIndex<PortRoutes> byHost;
    private final Map<Decision, Route> byDecision;
    private final List<RouteCounters> counters;

    private OriginatingRoutes(HostIndex<PortRoutes> byHost, Map<Decision, Route> byDecision,
                              List<RouteCounters> counters) {
        this.byHost = byHost;
        this.byDecision = byDecision;
        this.counters = counters;
    }

    static OriginatingRoutes of(RouteTable table, Map<TlsProfile, TlsConnector> connectors,
                                int handshakeTimeoutMillis) {
        List<RouteCounters> counters = new ArrayList<>();
        if (table.size() > NAMED) {
            Map<Decision, Route> byDecision = new IdentityHashMap<>();
            for (Decision decision : table.originatingDecisions()) {
                RouteCounters unnamed = RouteCounters.unnamed();
                byDecision.put(decision, new OriginatingRoute(decision.port(), connectors.get(decision.tls()),
                        handshakeTimeoutMillis, unnamed));
                counters.add(unnamed);
            }
            return new OriginatingRoutes(null, byDecision, counters);
        }
        HostIndex<PortRoutes> byHost = new HostIndex<>();
        for (Map.Entry<String, Map<Integer, Decision>> host : table.entries().entrySet()) {
            List<Integer> numbers = new ArrayList<>();
            List<Route> routes = new ArrayList<>();
            for (Map.Entry<Integer, Decision> port : host.getValue().entrySet()) {
                Decision decision = port.getValue();
                if (decision.originates()) {
                    RouteCounters named = RouteCounters.of(host.getKey(), port.getKey());
                    numbers.add(port.getKey());
                    routes.add(new OriginatingRoute(decision.port(), connectors.get(decision.tls()),
                            handshakeTimeoutMillis, named));
                    counters.add(named);
                }
            }
            if (!numbers.isEmpty()) {
                byHost.putIfAbsent(host.getKey(), new PortRoutes(numbers, routes));
            }
        }
        return new OriginatingRoutes(byHost, null, counters);
    }

    /** The route of an originating {@code decision} the table made for host:port. Allocates nothing. */
    Route route(String host, int port, Decision decision) {
        return byHost == null ? byDecision.get(decision) : byHost.mostSpecific(host).route(port);
    }

    /** Every route's counters, the named ones first to last in the table's order. */
    List<RouteCounters> counters() {
        return counters;
    }

    /** One host pattern's originating ports, sorted as the table's port tables are, and their routes. */
    private static final class PortRoutes {
        private final int[] ports;
        private final Route[] routes;

        PortRoutes(List<Integer> ports, List<Route> routes) {
            this.ports = new int[ports.size()];
            for (int i = 0; i < this.ports.length; i++) {
                this.ports[i] = ports.get(i);
            }
            this.routes = routes.toArray(new Route[0]);
        }

        Route route(int port) {
            return routes[Arrays.binarySearch(ports, port)];
        }
    }
}
