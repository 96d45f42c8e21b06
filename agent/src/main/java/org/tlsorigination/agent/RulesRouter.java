package org.tlsorigination.agent;

import java.io.IOException;
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
import org.tlsorigination.agent.config.RulesLoader;
import org.tlsorigination.agent.route.Decision;
import org.tlsorigination.agent.route.TlsProfile;
import org.tlsorigination.agent.tls.OriginatingRoute;
import org.tlsorigination.agent.tls.TlsConnector;

/**
 * Answers the facade from one version of the rules file; every route and TLS context is built once, up front, so
 * a broken certificate or key is reported when the rules load, not on the first connection.
 */
final class RulesRouter implements Router {
    private final LoadedRules rules;
    private final Map<Decision, Route> routes;
    private final List<Path> files;

    private RulesRouter(LoadedRules rules, Map<Decision, Route> routes, List<Path> files) {
        this.rules = rules;
        this.routes = routes;
        this.files = files;
    }

    static RulesRouter load(Path rulesFile, int handshakeTimeoutMillis) throws ConfigException {
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
        return new RulesRouter(rules, routes, filesRead(rulesFile, connectors.keySet()));
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
    public Route route(String host, int port) {
        Decision decision = rules.table().route(host, port);
        return decision.originates() ? routes.get(decision) : null;
    }

    LoadedRules rules() {
        return rules;
    }

    /** The rules file and every certificate, key, CA and CRL file it names: what a reload must watch. */
    List<Path> files() {
        return files;
    }
}
