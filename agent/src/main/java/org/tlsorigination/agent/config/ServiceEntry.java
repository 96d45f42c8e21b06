package org.tlsorigination.agent.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** An Istio ServiceEntry: the hosts it declares and, for each declared port, where connections really go. */
final class ServiceEntry {
    private static final List<String> PROTOCOLS = List.of("HTTP", "HTTPS", "HTTP2", "HTTP_PROXY", "GRPC", "GRPC-WEB",
            "TCP", "TLS", "UDP", "MONGO", "MYSQL", "REDIS");
    private static final List<String> RESOLUTIONS = List.of("NONE", "STATIC", "DNS", "DNS_ROUND_ROBIN");

    private final String label;
    private final List<HostPattern> hosts;
    private final Map<Integer, Port> ports;

    private ServiceEntry(String label, List<HostPattern> hosts, Map<Integer, Port> ports) {
        this.label = label;
        this.hosts = hosts;
        this.ports = ports;
    }

    /** One declared port, and the port a connection to it really goes to. */
    static final class Port {
        private final int number;
        private final YamlField numberField;
        private final int targetPort;
        private final YamlField targetPortField;

        private Port(int number, YamlField numberField, int targetPort, YamlField targetPortField) {
            this.number = number;
            this.numberField = numberField;
            this.targetPort = targetPort;
            this.targetPortField = targetPortField;
        }

        YamlField numberField() {
            return numberField;
        }

        int connectPort() {
            return targetPortField.isPresent() ? targetPort : number;
        }

        YamlField targetPortField() {
            return targetPortField;
        }
    }

    static ServiceEntry parse(String label, YamlMapping spec, List<String> notes) throws ConfigException {
        spec.allowOnly("hosts", "ports", "resolution", "location", "exportTo");
        List<HostPattern> hosts = new ArrayList<>();
        for (YamlField host : spec.get("hosts").list()) {
            hosts.add(HostPattern.parse(host));
        }
        if (hosts.isEmpty()) {
            throw spec.get("hosts").error("must name at least one host");
        }
        List<YamlField> portList = spec.get("ports").list();
        if (portList.isEmpty()) {
            throw spec.get("ports").error("must declare at least one port");
        }
        Map<Integer, Port> ports = new LinkedHashMap<>();
        for (YamlField item : portList) {
            YamlMapping port = item.mapping();
            port.allowOnly("number", "name", "protocol", "targetPort");
            int number = port.get("number").port();
            checkProtocol(port.get("protocol"));
            YamlField targetPort = port.get("targetPort");
            int target = targetPort.isPresent() ? targetPort.port() : number;
            Port declared = new Port(number, port.get("number").detached(), target, targetPort.detached());
            if (ports.put(number, declared) != null) {
                throw port.get("number").error("port " + number + " is declared twice");
            }
        }
        YamlField resolution = spec.get("resolution");
        if (resolution.isPresent()) {
            String value = resolution.string();
            if (!RESOLUTIONS.contains(value)) {
                throw resolution.error("'" + value + "' is not one of " + String.join(", ", RESOLUTIONS));
            }
            if (value.equals("NONE") || value.equals("STATIC")) {
                notes.add(resolution.describe("not applicable in-process: the application resolves the host itself"));
            }
        }
        IstioResources.noteNotApplicable(spec.get("location"), notes);
        IstioResources.noteNotApplicable(spec.get("exportTo"), notes);
        return new ServiceEntry(label, List.copyOf(hosts), ports);
    }

    private static void checkProtocol(YamlField protocol) throws ConfigException {
        if (protocol.isPresent()) {
            String value = protocol.string();
            if (!PROTOCOLS.contains(value.toUpperCase(Locale.ROOT))) {
                throw protocol.error("'" + value + "' is not an Istio protocol (" + String.join(", ", PROTOCOLS) + ")");
            }
        }
    }

    String label() {
        return label;
    }

    List<HostPattern> hosts() {
        return hosts;
    }

    /** The declared port, or null. */
    Port port(int number) {
        return ports.get(number);
    }

    Set<Integer> portNumbers() {
        return ports.keySet();
    }
}
