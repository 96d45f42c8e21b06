package org.tlsorigination.agent.config;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.tlsorigination.agent.route.Decision;
import org.tlsorigination.agent.route.RouteTable;
import org.tlsorigination.agent.route.TlsProfile;

/**
 * Relates ServiceEntries, VirtualServices and DestinationRules the way Istio does for one plain-text connection to
 * {@code host:port}, and writes the outcome for every declared host and port into a {@link RouteTable}.
 */
final class RouteCompiler {
    private final Map<String, ServiceEntry> entries = new LinkedHashMap<>();
    private final Map<String, VirtualService> services = new LinkedHashMap<>();
    private final Map<String, DestinationRule> rules = new LinkedHashMap<>();
    private final Map<TlsProfile, TlsProfile> profiles = new HashMap<>();
    private final List<String> warnings;

    private RouteCompiler(List<String> warnings) {
        this.warnings = warnings;
    }

    /** @param warnings receives one line per route that skips certificate checks */
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
                checkMatchPortsDeclared(service, host.name());
            }
        }
        for (DestinationRule rule : resources.destinationRules()) {
            index(rules, checkDeclared(rule.host()), rule, DestinationRule::label);
            for (Map.Entry<Integer, YamlField> port : rule.portFields().entrySet()) {
                checkPortDeclared(rule.host().name(), port.getKey(), port.getValue());
            }
        }
        Set<String> hosts = new LinkedHashSet<>(entries.keySet());
        hosts.addAll(services.keySet());
        hosts.addAll(rules.keySet());
        RouteTable.Builder table = new RouteTable.Builder();
        for (String host : hosts) {
            ServiceEntry entry = entryFor(host);
            for (int port : entry.portNumbers()) {
                // PASS is written too: an exact host's entry must hide a wildcard that would originate.
                table.route(host, port, decide(host, port, entry));
            }
        }
        return table.build();
    }

    private static <T> void index(Map<String, T> byHost, HostPattern host, T resource, Function<T, String> label)
            throws ConfigException {
        T earlier = byHost.putIfAbsent(host.name(), resource);
        if (earlier != null) {
            throw host.field().error(host.name() + " is already named by " + label.apply(earlier)
                    + "; merging two resources of one kind for a host is not supported");
        }
    }

    private HostPattern checkDeclared(HostPattern host) throws ConfigException {
        if (HostPattern.mostSpecific(entries.keySet(), host.name()) == null) {
            throw host.field().error(host.name() + " is not declared by any ServiceEntry; add it to a ServiceEntry's hosts");
        }
        return host;
    }

    private void checkMatchPortsDeclared(VirtualService service, String host) throws ConfigException {
        for (VirtualService.Rule rule : service.rules()) {
            for (Map.Entry<Integer, YamlField> port : rule.matchPorts().entrySet()) {
                checkPortDeclared(host, port.getKey(), port.getValue());
            }
        }
    }

    private void checkPortDeclared(String host, int port, YamlField field) throws ConfigException {
        ServiceEntry entry = entryFor(host);
        if (entry.port(port) == null) {
            throw field.error(undeclaredPort(entry, host, port));
        }
    }

    private static String undeclaredPort(ServiceEntry entry, String host, int port) {
        String declared = entry.portNumbers().stream().map(String::valueOf).collect(Collectors.joining(", "));
        return "port " + port + " is not declared by " + entry.label() + " for " + host + " (declared: " + declared + ")";
    }

    private ServiceEntry entryFor(String host) {
        return entries.get(HostPattern.mostSpecific(entries.keySet(), host));
    }

    private Decision decide(String host, int port, ServiceEntry entry) throws ConfigException {
        VirtualService.Rule route = routeFor(host, port);
        int destination = route == null ? port : route.destinationPort(port);
        ServiceEntry.Port target = entry.port(destination);
        if (target == null) {
            throw route.destinationPortField().error(undeclaredPort(entry, host, destination));
        }
        int connect = target.connectPort();
        DestinationRule rule = rules.get(HostPattern.mostSpecific(rules.keySet(), host));
        TlsSettings tls = rule == null ? null : rule.tlsFor(destination);
        if (tls != null && tls.originates()) {
            warnIfInsecure(tls, host, port, connect);
            return Decision.originate(connect, profiles.computeIfAbsent(tls.profile(), p -> p));
        }
        if (connect != port) {
            YamlField rewrite = destination != port ? route.destinationPortField() : target.targetPortField();
            throw rewrite.error(host + ":" + port + " would go to port " + connect + " without TLS origination, "
                    + "which is not supported; set tls.mode SIMPLE for port " + destination + " in a DestinationRule");
        }
        return Decision.PASS;
    }

    /** The matching HTTP rule of the most specific VirtualService for {@code host}, or null. */
    private VirtualService.Rule routeFor(String host, int port) throws ConfigException {
        String pattern = HostPattern.mostSpecific(services.keySet(), host);
        if (pattern == null) {
            return null;
        }
        VirtualService.Rule rule = services.get(pattern).ruleFor(port);
        if (rule != null) {
            String destination = rule.destinationHost().name();
            if (!destination.equals(pattern) && !destination.equals(host)) {
                throw rule.destinationHost().field().error("routes " + host + " to " + destination
                        + "; routing to a different host is not supported yet (the destination must be " + host + ")");
            }
        }
        return rule;
    }

    private void warnIfInsecure(TlsSettings tls, String host, int port, int connect) {
        if (tls.profile().insecureSkipVerify()) {
            String route = host + ":" + port + (connect == port ? "" : " (TLS to port " + connect + ")");
            warnings.add(tls.insecureSkipVerify().describe("turns off certificate and host name checks for " + route));
        }
    }
}
