package org.tlsorigination.agent;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tlsorigination.agent.bootstrap.Route;
import org.tlsorigination.agent.bootstrap.Router;
import org.tlsorigination.agent.config.ConfigException;
import org.tlsorigination.agent.config.LoadedRules;
import org.tlsorigination.agent.config.OutboundTrafficPolicy;
import org.tlsorigination.agent.config.RulesLoader;
import org.tlsorigination.agent.config.Settings;
import org.tlsorigination.agent.route.Decision;
import org.tlsorigination.agent.route.TlsProfile;
import org.tlsorigination.agent.tls.OriginatingRoute;
import org.tlsorigination.agent.tls.TlsConnector;

/**
 * Answers the facade from one version of the rules file. Every route and TLS connector is made once, up front, and
 * reads the files it names then, so a broken certificate or key is reported when the rules load, not on the first
 * connection; each connector builds its TLS context on the first connection that needs it.
 */
final class RulesRouter implements Router {
    private final LoadedRules rules;
    private final Map<Decision, Route> routes;
    private final List<Path> files;
    private final String registryOnlyRefusal;

    private RulesRouter(LoadedRules rules, Map<Decision, Route> routes, List<Path> files, String registryOnlyRefusal) {
        this.rules = rules;
        this.routes = routes;
        this.files = files;
        this.registryOnlyRefusal = registryOnlyRefusal;
    }

    static RulesRouter load(Settings settings) throws ConfigException {
        Path rulesFile = settings.rules();
        int handshakeTimeoutMillis = settings.handshakeTimeoutMillis();
        LoadedRules rules = RulesLoader.load(rulesFile);
        Map<TlsProfile, TlsConnector> connectors = new HashMap<>();
        Map<Decision, Route> routes = new IdentityHashMap<>();
        for (Map<Integer, Decision> ports : rules.table().entries().values()) {
            for (Decision decision : ports.values()) {
                if (decision.originates()) {
                    TlsConnector connector = connectors.get(decision.tls());
                    if (connector == null) {
                        connector = connector(rulesFile, decision.tls());
                        connectors.put(decision.tls(), connector);
                    }
                    routes.put(decision, new OriginatingRoute(decision.port(), connector, handshakeTimeoutMillis));
                }
            }
        }
        OutboundTrafficPolicy policy = settings.outboundTrafficPolicy() != null ? settings.outboundTrafficPolicy()
                : rules.outboundTrafficPolicy();
        String refusal = policy == OutboundTrafficPolicy.REGISTRY_ONLY
                ? " refused by outboundTrafficPolicy REGISTRY_ONLY: no rule in " + rulesFile + " declares it" : null;
        return new RulesRouter(rules, routes, filesRead(rulesFile, connectors.keySet()), refusal);
    }

    private static TlsConnector connector(Path rulesFile, TlsProfile profile) throws ConfigException {
        try {
            return TlsConnector.create(profile);
        } catch (GeneralSecurityException | IOException e) {
            throw new ConfigException(rulesFile.toString(), 0, "tls",
                    "cannot build TLS settings " + profile + ": " + e.getMessage(), e);
        }
    }

    private static List<Path> filesRead(Path rulesFile, Set<TlsProfile> profiles) {
        Set<Path> files = new LinkedHashSet<>();
        files.add(rulesFile);
        for (TlsProfile profile : profiles) {
            for (Path file : new Path[] {profile.caCertificates(), profile.caCrl(), profile.clientCertificate(),
                profile.privateKey()}) {
                if (file != null) {
                    files.add(file);
                }
            }
        }
        return new ArrayList<>(files);
    }

    @Override
    public Route route(String host, int port) throws ConnectException {
        Decision decision = rules.table().route(host, port);
        if (decision == Decision.UNDECLARED && registryOnlyRefusal != null && !isLoopback(host)) {
            throw new ConnectException("connection to " + host + ":" + port + registryOnlyRefusal);
        }
        return decision.originates() ? routes.get(decision) : null;
    }

    /** Loopback by name, as the app wrote it: a name that merely resolves to 127.0.0.1 is still a remote host. */
    private static boolean isLoopback(String host) {
        return host.equalsIgnoreCase("localhost") || host.startsWith("127.") || host.equals("::1")
                || host.equals("[::1]") || host.equals("0:0:0:0:0:0:0:1");
    }

    LoadedRules rules() {
        return rules;
    }

    /** The rules file and every certificate, key, CA and CRL file it names: what a reload must watch. */
    List<Path> files() {
        return files;
    }
}
