package org.tlsorigination.agent;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLEngine;
import org.tlsorigination.agent.bootstrap.Origination;
import org.tlsorigination.agent.bootstrap.Route;
import org.tlsorigination.agent.bootstrap.Router;
import org.tlsorigination.agent.config.ConfigException;
import org.tlsorigination.agent.config.LoadedRules;
import org.tlsorigination.agent.config.OutboundTrafficPolicy;
import org.tlsorigination.agent.config.RulesLoader;
import org.tlsorigination.agent.config.Settings;
import org.tlsorigination.agent.metrics.AgentCounters;
import org.tlsorigination.agent.metrics.InstalledRoutes;
import org.tlsorigination.agent.metrics.PlainTextDestinations;
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
 * connection; each connector builds its TLS context on the first connection that needs it. The commands load rules
 * through it too, so that they judge a file exactly as the agent does.
 */
public final class RulesRouter implements Router {
    private final LoadedRules rules;
    private final OriginatingRoutes routes;
    private final List<Path> files;
    private final Map<Path, Long> fileChecksums;
    private final String registryOnlyRefusal;

    private RulesRouter(LoadedRules rules, OriginatingRoutes routes, List<Path> files, String registryOnlyRefusal) {
        this.rules = rules;
        this.routes = routes;
        this.files = files;
        this.fileChecksums = ReloadChanges.checksums(files);
        this.registryOnlyRefusal = registryOnlyRefusal;
    }

    static RulesRouter load(Settings settings) throws ConfigException {
        return load(settings.rules(), settings.handshakeTimeoutMillis(), settings.outboundTrafficPolicy());
    }

    /** The router for {@code rules}, read from the settings' rules file. */
    static RulesRouter of(Settings settings, LoadedRules rules) throws ConfigException {
        return of(settings.rules(), rules, settings.handshakeTimeoutMillis(), settings.outboundTrafficPolicy());
    }

    /** @param policySetting the policy the settings give, which overrides the file's; null when they give none */
    public static RulesRouter load(Path rulesFile, int handshakeTimeoutMillis, OutboundTrafficPolicy policySetting)
            throws ConfigException {
        return of(rulesFile, RulesLoader.load(rulesFile), handshakeTimeoutMillis, policySetting);
    }

    private static RulesRouter of(Path rulesFile, LoadedRules rules, int handshakeTimeoutMillis,
            OutboundTrafficPolicy policySetting) throws ConfigException {
        Map<TlsProfile, TlsConnector> connectors = new HashMap<>();
        TlsMaterial material = new TlsMaterial();
        for (Decision decision : rules.table().originatingDecisions()) {
            if (!connectors.containsKey(decision.tls())) {
                connectors.put(decision.tls(), connector(rulesFile, rules, decision.tls(), material));
            }
        }
        OriginatingRoutes routes = OriginatingRoutes.of(rules.table(), connectors, handshakeTimeoutMillis);
        OutboundTrafficPolicy policy = policySetting != null ? policySetting : rules.outboundTrafficPolicy();
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
            AgentCounters.AGENT.refused();
            throw new ConnectException("connection to " + host + ":" + port + registryOnlyRefusal);
        }
        return decision.originates() ? routes.route(host, port, decision) : null;
    }

    /**
     * Counts only what no rule declares: a declared port left plain is a choice the rules made. It runs on the app's
     * connect, where bookkeeping must never fail the app.
     */
    @Override
    public void plainConnect(String host, int port) {
        try {
            if (undeclared(host, port)) {
                PlainTextDestinations.SEEN.connected(host, port);
            }
        } catch (RuntimeException notCounted) {
            // the connect goes on uncounted
        }
    }

    @Override
    public void securedByApp(String host, int port) {
        try {
            if (undeclared(host, port)) {
                PlainTextDestinations.SEEN.securedByApp(host, port);
            }
        } catch (RuntimeException notCounted) {
            // the app's TLS goes on unnoted
        }
    }

    @Override
    public Throwable failureOf(SSLEngine engine, Throwable failure) {
        return OriginatingRoute.failureOf(engine, failure);
    }

    private boolean undeclared(String host, int port) {
        return rules.table().route(host, port) == Decision.UNDECLARED && !LoopbackLiteral.isLoopback(host);
    }

    /** Puts these rules in force: the facade answers from them, and the agent's counters describe them. */
    void install() {
        Origination.install(this);
        InstalledRoutes.install(routes.counters());
        AgentCounters.AGENT.rulesInForce(files.get(0), rules.table().size());
    }

    public LoadedRules rules() {
        return rules;
    }

    /** What changed since {@code previous}, in words for the reload's log line. */
    String changesSince(RulesRouter previous) {
        return ReloadChanges.between(previous.rules.table(), previous.fileChecksums, rules.table(), fileChecksums);
    }

    /** The rules file and every certificate, key, CA and CRL file it names: what a reload must watch. */
    List<Path> files() {
        return files;
    }
}
