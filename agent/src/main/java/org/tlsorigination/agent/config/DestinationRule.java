package org.tlsorigination.agent.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An Istio DestinationRule reduced to its TLS settings: one for the host, and one per port that overrides it. */
final class DestinationRule {
    private final String label;
    private final HostPattern host;
    private final TlsSettings hostTls;
    /** A null value is a port-level entry without TLS settings. */
    private final Map<Integer, TlsSettings> portTls;
    private final Map<Integer, YamlField> portFields;

    private DestinationRule(String label, HostPattern host, TlsSettings hostTls, Map<Integer, TlsSettings> portTls,
                            Map<Integer, YamlField> portFields) {
        this.label = label;
        this.host = host;
        this.hostTls = hostTls;
        this.portTls = portTls;
        this.portFields = portFields;
    }

    static DestinationRule parse(String label, YamlMapping spec, ReferencedFiles files, List<String> notes)
            throws ConfigException {
        spec.allowOnly("host", "trafficPolicy", "exportTo");
        HostPattern host = HostPattern.parse(spec.get("host"));
        IstioResources.noteNotApplicable(spec.get("exportTo"), notes);
        YamlField policyField = spec.get("trafficPolicy");
        if (!policyField.isPresent()) {
            return new DestinationRule(label, host, null, Map.of(), Map.of());
        }
        YamlMapping policy = policyField.mapping();
        policy.allowOnly("tls", "portLevelSettings", "loadBalancer");
        IstioResources.noteNotApplicable(policy.get("loadBalancer"), notes);
        TlsSettings hostTls = optionalTls(policy.get("tls"), files, notes);
        Map<Integer, TlsSettings> portTls = new LinkedHashMap<>();
        Map<Integer, YamlField> portFields = new LinkedHashMap<>();
        for (YamlField item : policy.get("portLevelSettings").optionalList()) {
            YamlMapping settings = item.mapping();
            settings.allowOnly("port", "tls", "loadBalancer");
            IstioResources.noteNotApplicable(settings.get("loadBalancer"), notes);
            YamlMapping port = settings.get("port").mapping();
            port.allowOnly("number");
            YamlField number = port.get("number");
            int portNumber = number.port();
            if (portFields.put(portNumber, number.detached()) != null) {
                throw number.error("port " + portNumber + " has settings twice");
            }
            portTls.put(portNumber, optionalTls(settings.get("tls"), files, notes));
        }
        return new DestinationRule(label, host, hostTls, portTls, portFields);
    }

    private static TlsSettings optionalTls(YamlField tls, ReferencedFiles files, List<String> notes)
            throws ConfigException {
        return tls.isPresent() ? TlsSettings.parse(tls, files, notes) : null;
    }

    String label() {
        return label;
    }

    HostPattern host() {
        return host;
    }

    /**
     * The TLS settings for traffic to {@code port}, or null for none. As in Istio, a port-level entry replaces the
     * host's policy entirely: an entry without {@code tls} means no TLS, not the host's TLS.
     */
    TlsSettings tlsFor(int port) {
        return portTls.containsKey(port) ? portTls.get(port) : hostTls;
    }

    TlsSettings hostTls() {
        return hostTls;
    }

    /** Each port-level entry's TLS settings; a null value is an entry without any. */
    Map<Integer, TlsSettings> portTls() {
        return portTls;
    }

    /** The port numbers that have port-level settings, with where each is written. */
    Map<Integer, YamlField> portFields() {
        return portFields;
    }
}
