package org.tlsorigination.agent.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.tlsorigination.agent.route.Decision;
import org.tlsorigination.agent.route.HostIndex;
import org.tlsorigination.agent.route.PortTable;
import org.tlsorigination.agent.route.RouteTable;

/**
 * Relates ServiceEntries, VirtualServices and DestinationRules the way Istio does for one plain-text connection to
 * {@code host:port}, and writes the outcome for every declared host and port into a {@link RouteTable}. Hosts whose
 * most specific ServiceEntry and VirtualService are the same, and whose DestinationRules decide alike, form one group
 * and share one port table, so the work and the table grow with the resources, not with hosts times ports.
 */
final class RouteCompiler {
    private static final int PORTS_LISTED = 10;

    private final HostIndex<Named<ServiceEntry>> entries = new HostIndex<>();
    private final HostIndex<Named<VirtualService>> services = new HostIndex<>();
    private final HostIndex<Named<DestinationRule>> rules = new HostIndex<>();
    /** Every host pattern a resource names, with the first field that names it. */
    private final Map<String, HostPattern> hosts = new LinkedHashMap<>();
    private final TlsDecisions tlsDecisions = new TlsDecisions();
    private final Map<TlsSettings, InsecureRoutes> insecure = new LinkedHashMap<>();
    private final List<String> warnings;
    private long routes;

    private RouteCompiler(List<String> warnings) {
        this.warnings = warnings;
    }

    /** @param warnings receives one line per TLS block that skips certificate checks */
    static RouteTable compile(IstioResources resources, List<String> warnings) throws ConfigException {
        return new RouteCompiler(warnings).compile(resources);
    }

    private RouteTable compile(IstioResources resources) throws ConfigException {
        for (ServiceEntry entry : resources.serviceEntries()) {
            for (HostPattern host : entry.hosts()) {
                index(entries, host, entry, ServiceEntry::label);
            }
        }
        for (VirtualService service : resources.virtualServices()) {
            for (HostPattern host : service.hosts()) {
                index(services, checkDeclared(host), service, VirtualService::label);
            }
            checkMatchPortsDeclared(service);
        }
        for (DestinationRule rule : resources.destinationRules()) {
            index(rules, checkDeclared(rule.host()), rule, DestinationRule::label);
            ServiceEntry entry = entries.mostSpecific(rule.host().name()).resource;
            for (Map.Entry<Integer, YamlField> port : rule.portFields().entrySet()) {
                checkPortDeclared(entry, rule.host().name(), port.getKey(), port.getValue());
            }
        }
        RouteTable.Builder table = new RouteTable.Builder();
        for (Group group : groups()) {
            PortTable ports = compile(group);
            for (HostPattern host : group.hosts) {
                table.ports(host.name(), ports);
            }
        }
        insecure.forEach((tls, routes) -> warnings.add(routes.warning(tls)));
        return table.build();
    }

    /**
     * The resources that decide a plain-text connection to host:port, as the compiled table decides it, in the order
     * they apply: empty when no resource names the host.
     */
    static List<DecidingResource> explain(IstioResources resources, String host, int port) throws ConfigException {
        RouteCompiler compiler = new RouteCompiler(new ArrayList<>());
        compiler.compile(resources);
        return compiler.deciding(host, port);
    }

    /** The group {@link #groups()} would put the host's most specific pattern in, with that pattern alone. */
    private List<DecidingResource> deciding(String host, int port) throws ConfigException {
        HostIndex<HostPattern> patterns = new HostIndex<>();
        hosts.values().forEach(pattern -> patterns.putIfAbsent(pattern.name(), pattern));
        HostPattern pattern = patterns.mostSpecific(host);
        DecisionTrail trail = new DecisionTrail();
        if (pattern == null) {
            return trail.resources();
        }
        Named<ServiceEntry> entry = entries.mostSpecific(pattern.name());
        Named<VirtualService> service = services.mostSpecific(pattern.name());
        Named<DestinationRule> rule = rules.mostSpecific(pattern.name());
        DestinationRule ownRule = rule == null ? null : rule.resource;
        Group group = new Group(entry.resource, service == null ? null : service.resource, ownRule);
        group.add(pattern, service == null ? null : service.pattern, ownRule);
        if (entry.resource.port(port) == null) {
            trail.undeclaredPort(entry.resource, entry.pattern, port);
        } else {
            decide(group, port, trail);
        }
        return trail.resources();
    }

    private <T> void index(HostIndex<Named<T>> byHost, HostPattern host, T resource, Function<T, String> label)
            throws ConfigException {
        Named<T> earlier = byHost.putIfAbsent(host.name(), new Named<>(host.name(), resource));
        if (earlier != null) {
            throw host.field().error(host.name() + " is already named by " + label.apply(earlier.resource)
                    + "; merging two resources of one kind for a host is not supported");
        }
        if (!hosts.containsKey(host.name()) && hosts.size() == RulesLimits.HOSTS) {
            throw host.field().error("the file names more than " + RulesLimits.HOSTS + " distinct hosts");
        }
        hosts.putIfAbsent(host.name(), host);
    }

    private HostPattern checkDeclared(HostPattern host) throws ConfigException {
        if (entries.mostSpecific(host.name()) == null) {
            throw host.field().error(host.name() + " is not declared by any ServiceEntry; add it to a ServiceEntry's "
                    + "hosts");
        }
        return host;
    }

    /** Against each distinct ServiceEntry of the service's own hosts, once. */
    private void checkMatchPortsDeclared(VirtualService service) throws ConfigException {
        Map<ServiceEntry, Boolean> checked = new IdentityHashMap<>();
        for (HostPattern host : service.hosts()) {
            ServiceEntry entry = entries.mostSpecific(host.name()).resource;
            if (checked.put(entry, Boolean.TRUE) == null) {
                for (VirtualService.Rule rule : service.rules()) {
                    spend(rule.matchPorts().size(), host);
                    for (Map.Entry<Integer, YamlField> port : rule.matchPorts().entrySet()) {
                        checkPortDeclared(entry, host.name(), port.getKey(), port.getValue());
                    }
                }
            }
        }
    }

    private static void checkPortDeclared(ServiceEntry entry, String host, int port, YamlField field)
            throws ConfigException {
        if (entry.port(port) == null) {
            throw field.error(undeclaredPort(entry, host, port));
        }
    }

    private static String undeclaredPort(ServiceEntry entry, String host, int port) {
        int declared = entry.portNumbers().size();
        String listed = entry.portNumbers().stream().limit(PORTS_LISTED).map(String::valueOf)
                .collect(Collectors.joining(", "));
        String more = declared > PORTS_LISTED ? " and " + (declared - PORTS_LISTED) + " more" : "";
        return "port " + port + " is not declared by " + entry.label() + " for " + host + " (declared: " + listed
                + more + ")";
    }

    /** The hosts grouped by their most specific resource of each kind, in the order they were first named. */
    private Iterable<Group> groups() throws ConfigException {
        Map<List<Object>, Group> groups = new LinkedHashMap<>();
        for (HostPattern host : hosts.values()) {
            ServiceEntry entry = entries.mostSpecific(host.name()).resource;
            Named<VirtualService> service = services.mostSpecific(host.name());
            Named<DestinationRule> rule = rules.mostSpecific(host.name());
            DestinationRule ownRule = rule == null ? null : rule.resource;
            List<Object> key = Arrays.asList(entry, service == null ? null : service.resource,
                    ownRule == null ? null : tlsDecisions.outcome(ownRule));
            Group group = groups.get(key);
            if (group == null) {
                spend(entry.portNumbers().size(), host);
                group = new Group(entry, service == null ? null : service.resource, ownRule);
                groups.put(key, group);
            }
            group.add(host, service == null ? null : service.pattern, ownRule);
        }
        return groups.values();
    }

    /** Counts work against {@link RulesLimits#ROUTES}, so that no shape of file can make compiling unbounded. */
    private void spend(int routeCount, HostPattern host) throws ConfigException {
        routes += routeCount;
        if (routes > RulesLimits.ROUTES) {
            throw host.field().error("the rules compile to more than " + RulesLimits.ROUTES + " routes (each port of "
                    + "a ServiceEntry, once for every distinct VirtualService and DestinationRule settings its hosts "
                    + "combine it with); declare fewer ports or give more hosts the same settings");
        }
    }

    private PortTable compile(Group group) throws ConfigException {
        int[] ports = new int[group.entry.portNumbers().size()];
        Decision[] outcomes = new Decision[ports.length];
        int i = 0;
        for (int port : group.entry.portNumbers()) {
            ports[i] = port;
            outcomes[i++] = decide(group, port, null);
        }
        return PortTable.of(ports, outcomes);
    }

    /** @param trail receives each resource that takes part, for {@code explain}; null when compiling */
    private Decision decide(Group group, int port, DecisionTrail trail) throws ConfigException {
        VirtualService.Rule route = group.service == null ? null : group.service.ruleFor(port);
        if (route != null) {
            checkDestinationHost(group, route);
        }
        int destination = route == null ? port : route.destinationPort(port);
        ServiceEntry.Port target = group.entry.port(destination);
        String host = group.hosts.get(0).name();
        if (target == null) {
            throw route.destinationPortField().error(undeclaredPort(group.entry, host, destination));
        }
        int connect = target.connectPort();
        TlsSettings tls = group.rule == null ? null : group.rule.tlsFor(destination);
        if (trail != null) {
            trail.decided(group.entry, group.service, group.rule, host, port, route, destination, tls);
        }
        if (tls != null && tls.originates()) {
            if (tls.profile().insecureSkipVerify()) {
                for (int i = 0; i < group.hosts.size(); i++) {
                    insecure.computeIfAbsent(group.hostRules.get(i).tlsFor(destination), t -> new InsecureRoutes())
                            .add(group.hosts.get(i), port, connect);
                }
            }
            return tlsDecisions.originate(connect, tls);
        }
        if (connect != port) {
            YamlField rewrite = destination != port ? route.destinationPortField() : target.targetPortField();
            throw rewrite.error(host + ":" + port + " would go to port " + connect + " without TLS origination, "
                    + "which is not supported; set tls.mode SIMPLE for port " + destination + " in a DestinationRule");
        }
        return Decision.PASS;
    }

    /** A rule may only route to the host it serves: the pattern it was found under, or the one host that reaches it. */
    private static void checkDestinationHost(Group group, VirtualService.Rule route) throws ConfigException {
        String destination = route.destinationHost().name();
        if (destination.equals(group.commonServicePattern) || group.checkedRoutes.put(route, Boolean.TRUE) != null) {
            return;
        }
        for (int i = 0; i < group.hosts.size(); i++) {
            String host = group.hosts.get(i).name();
            if (!destination.equals(group.servicePatterns.get(i)) && !destination.equals(host)) {
                throw route.destinationHost().field().error("routes " + host + " to " + destination
                        + "; routing to a different host is not supported yet (the destination must be " + host + ")");
            }
        }
    }

    /** A resource with the host pattern it was found under. */
    private static final class Named<T> {
        final String pattern;
        final T resource;

        Named(String pattern, T resource) {
            this.pattern = pattern;
            this.resource = resource;
        }
    }

    /** Hosts whose resources decide alike, which therefore share one port table. */
    private static final class Group {
        final ServiceEntry entry;
        final VirtualService service;
        /** The first host's DestinationRule, deciding for all of them. */
        final DestinationRule rule;
        final List<HostPattern> hosts = new ArrayList<>();
        /** For each host, its own DestinationRule, whose fields its warnings name. */
        final List<DestinationRule> hostRules = new ArrayList<>();
        /** For each host, the pattern its VirtualService was found under; null without one. */
        final List<String> servicePatterns = new ArrayList<>();
        /** The pattern all hosts found the VirtualService under, or null when they differ. */
        String commonServicePattern;
        final Map<VirtualService.Rule, Boolean> checkedRoutes = new IdentityHashMap<>();

        Group(ServiceEntry entry, VirtualService service, DestinationRule rule) {
            this.entry = entry;
            this.service = service;
            this.rule = rule;
        }

        void add(HostPattern host, String servicePattern, DestinationRule hostRule) {
            commonServicePattern = hosts.isEmpty() || Objects.equals(commonServicePattern, servicePattern)
                    ? servicePattern : null;
            hosts.add(host);
            servicePatterns.add(servicePattern);
            hostRules.add(hostRule);
        }
    }
}
