package org.tlsorigination.agent;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.tlsorigination.agent.bootstrap.Route;
import org.tlsorigination.agent.bootstrap.Router;
import org.tlsorigination.agent.config.ConfigException;
import org.tlsorigination.agent.config.LoadedRules;
import org.tlsorigination.agent.config.OutboundTrafficPolicy;
import org.tlsorigination.agent.config.RulesLoader;
import org.tlsorigination.agent.config.Settings;
import org.tlsorigination.agent.route.Decision;
import org.tlsorigination.agent.route.LoopbackLiteral;
import org.tlsorigination.agent.route.TlsProfile;
import org.tlsorigination.agent.tls.OriginatingRoute;
import org.tlsorigination.agent.tls.TlsConnector;
import org.tlsorigination.agent.tls.TlsFileException;
import org.tlsorigination.agent.tls.TlsMaterial;

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
        TlsMaterial material = new TlsMaterial();
        Map<Decision, Route> routes = new IdentityHashMap<>();
        for (Decision decision : rules.table().originatingDecisions()) {
            TlsConnector connector = connectors.get(decision.tls());
            if (connector == null) {
                connector = connector(rulesFile, rules, decision.tls(), material);
                connectors.put(decision.tls(), connector);
            }
            routes.put(decision, new OriginatingRoute(decision.port(), connector, handshakeTimeoutMillis));
        }
        OutboundTrafficPolicy policy = settings.outboundTrafficPolicy() != null ? settings.outboundTrafficPolicy()
                : rules.outboundTrafficPolicy();
        String refusal = policy == OutboundTrafficPolicy.REGISTRY_ONLY
                ? " refused by outboundTrafficPolicy REGISTRY_ONLY: no rule in " + rulesFile + " declares it" : null;
        List<Path> files = new ArrayList<>();
        files.add(rulesFile);
        files.addAll(rules.referencedFiles());
        return new RulesRouter(rules, routes, files, refusal);
    }

    private static TlsConnector connector(Path rulesFile, LoadedRules rules, TlsProfile profile, TlsMaterial material)
            throws ConfigException {
        try {
            return TlsConnector.create(profile, material);
        } catch (TlsFileException e) {
            throw rules.fileError(e.file(), e.problem());
        } catch (GeneralSecurityException | IOException e) {
            throw new ConfigException(rulesFile.toString(), 0, "tls",
                    "cannot build TLS settings " + profile + ": " + e.getMessage(), e);
        }
    }

    /** Allocates nothing: it runs on every connect. */
    @Override
    public Route route(String host, int port) throws ConnectException {
        Decision decision = rules.table().route(host, port);
        if (decision == Decision.UNDECLARED && registryOnlyRefusal != null && !LoopbackLiteral.isLoopback(host)) {
            throw new ConnectException("connection to " + host + ":" + port + registryOnlyRefusal);
        }
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
