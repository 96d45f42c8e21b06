package org.tlsorigination.agent.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tlsorigination.agent.files.FileKind;
import org.tlsorigination.agent.route.Decision;
import org.tlsorigination.agent.route.HostIndex;
import org.tlsorigination.agent.route.RouteTable;
import org.tlsorigination.agent.route.TlsProfile;

/**
 * The agent's own rules form, one YAML document, for people who never used Istio:
 *
 * <pre>
 * outboundTrafficPolicy: {mode: REGISTRY_ONLY}   # optional; ALLOW_ANY by default
 * originate:
 * - host: edition.cnn.com     # or *.cnn.com
 *   port: 80                  # the port the app calls; 80 by default
 *   targetPort: 443           # where TLS goes; 443 by default
 *   tls: {sni: ..., caCertificates: ..., clientCertificate: ..., privateKey: ..., minProtocolVersion: TLSv1.3}
 * allow:                      # declared, left as they are (matters under REGISTRY_ONLY)
 * - {host: api.internal, port: 8080}
 * </pre>
 */
final class ShortFormRules {
    static final List<String> FIELDS = List.of("outboundTrafficPolicy", "originate", "allow");

    private ShortFormRules() {
    }

    /** A document in this form names none of the Istio resource fields and at least one of its own. */
    static boolean isShortForm(YamlField document) throws ConfigException {
        YamlMapping fields = document.mapping();
        if (fields.get("apiVersion").isPresent() || fields.get("kind").isPresent()) {
            return false;
        }
        for (String field : FIELDS) {
            if (fields.get(field).isPresent()) {
                return true;
            }
        }
        return false;
    }

    static LoadedRules parse(YamlField document, ReferencedFiles files) throws ConfigException {
        return parse(document, files, null);
    }

    /**
     * The entry that decides host:port, as the table decides it; else, when the file sets it, the outbound traffic
     * policy, which decides for every host no entry declares.
     */
    static List<DecidingResource> explain(YamlField document, ReferencedFiles files, String host, int port)
            throws ConfigException {
        HostIndex<Map<Integer, DecidingResource>> deciding = new HostIndex<>();
        parse(document, files, deciding);
        Map<Integer, DecidingResource> ports = deciding.mostSpecific(host);
        if (ports != null && ports.containsKey(port)) {
            return List.of(ports.get(port));
        }
        YamlField policy = document.mapping().get("outboundTrafficPolicy");
        return policy.isPresent() ? List.of(DecidingResource.of("outboundTrafficPolicy",
                policy.mapping().get("mode").string(), policy, "decides every host and port no entry declares"))
                : List.of();
    }

    /** @param deciding receives each entry by host pattern and port, for {@code explain}; null when loading */
    private static LoadedRules parse(YamlField document, ReferencedFiles files,
                                     HostIndex<Map<Integer, DecidingResource>> deciding) throws ConfigException {
        YamlMapping rules = document.mapping();
        rules.allowOnly(FIELDS.toArray(new String[0]));
        RouteTable.Builder table = new RouteTable.Builder();
        Set<String> seen = new HashSet<>();
        Set<String> hosts = new HashSet<>();
        Map<TlsProfile, TlsProfile> profiles = new HashMap<>();
        List<String> warnings = new ArrayList<>();
        List<YamlField> originations = rules.get("originate").optionalList();
        for (YamlField entry : originations) {
            YamlMapping origination = entry.mapping();
            origination.allowOnly("host", "port", "targetPort", "tls");
            HostPattern host = countedHost(HostPattern.parse(origination.get("host")), hosts);
            int port = portOr(origination.get("port"), 80);
            YamlField tls = origination.get("tls");
            TlsProfile profile = tls.isPresent() ? profile(tls, files) : TlsProfile.verifyingDefaults();
            if (profiles.putIfAbsent(profile, profile) == null && profiles.size() > RulesLimits.TLS_PROFILES) {
                throw entry.error("the file has more than " + RulesLimits.TLS_PROFILES + " distinct TLS settings; "
                        + "entries with equal settings share one, so make more of them alike");
            }
            profile = profiles.get(profile);
            if (profile.insecureSkipVerify()) {
                warnings.add(tls.mapping().get("insecureSkipVerify").describe(
                        "turns off certificate and host name checks for " + host.name() + ":" + port));
            }
            declareOnce(seen, host, port);
            int targetPort = portOr(origination.get("targetPort"), 443);
            table.route(host.name(), port, Decision.originate(targetPort, profile));
            record(deciding, "originate", host, port, entry, "originates TLS to port " + targetPort, true);
            record(deciding, "originate", host, targetPort, entry, "sends TLS for port " + port + " here", false);
        }
        List<YamlField> allowed = rules.get("allow").optionalList();
        for (YamlField entry : allowed) {
            YamlMapping allow = entry.mapping();
            allow.allowOnly("host", "port");
            HostPattern host = countedHost(HostPattern.parse(allow.get("host")), hosts);
            int port = allow.get("port").port();
            declareOnce(seen, host, port);
            table.route(host.name(), port, Decision.PASS);
            record(deciding, "allow", host, port, entry, "declares it and leaves it alone", true);
        }
        return new LoadedRules(table.build(), originations.size() + allowed.size(),
                OutboundTrafficPolicy.parse(rules.get("outboundTrafficPolicy")), List.of(), warnings, files);
    }

    /** @param declared false for a target port, which counts as declared only where no entry declares it */
    private static void record(HostIndex<Map<Integer, DecidingResource>> deciding, String list, HostPattern host,
                               int port, YamlField entry, String does, boolean declared) {
        if (deciding != null) {
            Map<Integer, DecidingResource> fresh = new HashMap<>();
            Map<Integer, DecidingResource> earlier = deciding.putIfAbsent(host.name(), fresh);
            Map<Integer, DecidingResource> ports = earlier != null ? earlier : fresh;
            DecidingResource resource = DecidingResource.of(list, host.name(), entry, does);
            if (declared) {
                ports.put(port, resource);
            } else {
                ports.putIfAbsent(port, resource);
            }
        }
    }

    private static HostPattern countedHost(HostPattern host, Set<String> hosts) throws ConfigException {
        if (hosts.add(host.name()) && hosts.size() > RulesLimits.HOSTS) {
            throw host.field().error("the file names more than " + RulesLimits.HOSTS + " distinct hosts");
        }
        return host;
    }

    private static TlsProfile profile(YamlField field, ReferencedFiles files) throws ConfigException {
        YamlMapping tls = field.mapping();
        tls.allowOnly("sni", "caCertificates", "caCrl", "subjectAltNames", "insecureSkipVerify", "clientCertificate",
                "privateKey", "minProtocolVersion", "cipherSuites", "alpn");
        TlsProfile.Builder profile = TlsSettings.verification(tls, files);
        YamlField certificate = tls.get("clientCertificate");
        YamlField key = tls.get("privateKey");
        if (certificate.isPresent() != key.isPresent()) {
            throw (certificate.isPresent() ? certificate : key)
                    .error("clientCertificate and privateKey go together (mutual TLS)");
        }
        profile.clientIdentity(files.file(certificate, FileKind.CERTIFICATES), files.file(key, FileKind.PRIVATE_KEY));
        YamlField minimum = tls.get("minProtocolVersion");
        if (minimum.isPresent()) {
            String version = minimum.string();
            if (!version.equals(TlsProfile.TLS_1_2) && !version.equals(TlsProfile.TLS_1_3)) {
                throw minimum.error("'" + version + "' is not offered (supported: " + TlsProfile.TLS_1_2 + ", "
                        + TlsProfile.TLS_1_3 + ")");
            }
            profile.minProtocolVersion(version);
        }
        profile.cipherSuites(TlsSettings.strings(tls.get("cipherSuites")));
        if (tls.get("alpn").isPresent()) {
            profile.alpn(TlsSettings.strings(tls.get("alpn")));
        }
        return profile.build();
    }

    private static int portOr(YamlField port, int whenAbsent) throws ConfigException {
        return port.isPresent() ? port.port() : whenAbsent;
    }

    private static void declareOnce(Set<String> seen, HostPattern host, int port) throws ConfigException {
        if (!seen.add(host.name() + ":" + port)) {
            throw host.field().error(host.name() + ":" + port + " is named twice");
        }
    }
}
