package org.tlsorigination.agent.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An Istio VirtualService reduced to what moves a connection: which port each HTTP rule sends a request to. */
final class VirtualService {
    private final String label;
    private final List<HostPattern> hosts;
    private final List<Rule> rules;
    /** For each explicitly matched port, the first rule that matches it, when that comes before {@link #matchAll}. */
    private final Map<Integer, Rule> firstRuleByPort = new HashMap<>();
    /** The first rule that matches every port, or null; rules after it are never reached. */
    private final Rule matchAll;

    private VirtualService(String label, List<HostPattern> hosts, List<Rule> rules) {
        this.label = label;
        this.hosts = hosts;
        this.rules = rules;
        Rule firstMatchAll = null;
        for (Rule rule : rules) {
            if (rule.matchPorts.isEmpty()) {
                firstMatchAll = rule;
                break;
            }
            for (Integer port : rule.matchPorts.keySet()) {
                firstRuleByPort.putIfAbsent(port, rule);
            }
        }
        this.matchAll = firstMatchAll;
    }

    /** One {@code http[]} rule: the ports it matches (all when it has no match) and its single destination. */
    static final class Rule {
        /** The matched port numbers with where each is written; empty when the rule matches every port. */
        private final Map<Integer, YamlField> matchPorts;
        private final HostPattern destinationHost;
        private final YamlField destinationPort;
        private final int destinationPortNumber;

        private Rule(Map<Integer, YamlField> matchPorts, HostPattern destinationHost, YamlField destinationPort,
                     int destinationPortNumber) {
            this.matchPorts = matchPorts;
            this.destinationHost = destinationHost;
            this.destinationPort = destinationPort;
            this.destinationPortNumber = destinationPortNumber;
        }

        Map<Integer, YamlField> matchPorts() {
            return matchPorts;
        }

        HostPattern destinationHost() {
            return destinationHost;
        }

        /** The port the rule sends {@code port} to: its destination port, or the same port when it names none. */
        int destinationPort(int port) {
            return destinationPort.isPresent() ? destinationPortNumber : port;
        }

        YamlField destinationPortField() {
            return destinationPort;
        }
    }

    static VirtualService parse(String label, YamlMapping spec, List<String> notes) throws ConfigException {
        spec.allowOnly("hosts", "http", "exportTo");
        List<HostPattern> hosts = new ArrayList<>();
        for (YamlField host : spec.get("hosts").list()) {
            hosts.add(HostPattern.parse(host));
        }
        if (hosts.isEmpty()) {
            throw spec.get("hosts").error("must name at least one host");
        }
        List<Rule> rules = new ArrayList<>();
        for (YamlField rule : spec.get("http").list()) {
            rules.add(parseRule(rule.mapping()));
        }
        IstioResources.noteNotApplicable(spec.get("exportTo"), notes);
        return new VirtualService(label, List.copyOf(hosts), List.copyOf(rules));
    }

    private static Rule parseRule(YamlMapping rule) throws ConfigException {
        rule.allowOnly("name", "match", "route");
        rule.get("name").optionalString();
        Map<Integer, YamlField> matchPorts = new LinkedHashMap<>();
        boolean matchesAll = false;
        for (YamlField item : rule.get("match").optionalList()) {
            YamlMapping match = item.mapping();
            match.allowOnly("name", "port");
            match.get("name").optionalString();
            YamlField port = match.get("port");
            if (port.isPresent()) {
                matchPorts.put(port.port(), port.detached());
            } else {
                // A match with no condition matches every request, hence every port.
                matchesAll = true;
            }
        }
        if (matchesAll) {
            matchPorts.clear();
        }
        List<YamlField> destinations = rule.get("route").list();
        if (destinations.size() != 1) {
            throw rule.get("route").error("needs exactly one destination; splitting traffic is not supported yet");
        }
        YamlMapping only = destinations.get(0).mapping();
        only.allowOnly("destination", "weight");
        YamlField weight = only.get("weight");
        if (weight.isPresent() && !weight.string().equals("100")) {
            throw weight.error("a single destination takes all traffic; weight must be 100 or absent");
        }
        YamlMapping destination = only.get("destination").mapping();
        destination.allowOnly("host", "port");
        HostPattern host = HostPattern.parse(destination.get("host"));
        YamlField port = destination.get("port");
        int portNumber = 0;
        if (port.isPresent()) {
            YamlMapping portFields = port.mapping();
            portFields.allowOnly("number");
            port = portFields.get("number");
            portNumber = port.port();
        }
        return new Rule(Collections.unmodifiableMap(matchPorts), host, port.detached(), portNumber);
    }

    String label() {
        return label;
    }

    List<HostPattern> hosts() {
        return hosts;
    }

    /** The first rule that matches {@code port}, as Istio evaluates them in order, or null. */
    Rule ruleFor(int port) {
        return firstRuleByPort.getOrDefault(port, matchAll);
    }

    List<Rule> rules() {
        return rules;
    }
}
