package org.tlsorigination.agent;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import org.tlsorigination.agent.bootstrap.Route;
import org.tlsorigination.agent.bootstrap.Router;
import org.tlsorigination.agent.config.ConfigException;
import org.tlsorigination.agent.route.Decision;
import org.tlsorigination.agent.route.RouteTable;
import org.tlsorigination.agent.route.TlsProfile;
import org.tlsorigination.agent.tls.OriginatingRoute;
import org.tlsorigination.agent.tls.TlsConnector;

/** Answers the facade from a compiled table; every route and TLS context is built once, up front. */
final class RulesRouter implements Router {
    private final RouteTable table;
    private final Map<Decision, Route> routes;

    private RulesRouter(RouteTable table, Map<Decision, Route> routes) {
        this.table = table;
        this.routes = routes;
    }

    static RulesRouter create(String source, RouteTable table, int handshakeTimeoutMillis) throws ConfigException {
        Map<TlsProfile, TlsConnector> connectors = new HashMap<>();
        Map<Decision, Route> routes = new IdentityHashMap<>();
        for (Map<Integer, Decision> ports : table.entries().values()) {
            for (Decision decision : ports.values()) {
                if (decision.originates()) {
                    TlsConnector connector = connectors.get(decision.tls());
                    if (connector == null) {
                        connector = connector(source, decision.tls());
                        connectors.put(decision.tls(), connector);
                    }
                    routes.put(decision, new OriginatingRoute(decision.port(), connector, handshakeTimeoutMillis));
                }
            }
        }
        return new RulesRouter(table, routes);
    }

    private static TlsConnector connector(String source, TlsProfile profile) throws ConfigException {
        try {
            return TlsConnector.create(profile);
        } catch (GeneralSecurityException | IOException e) {
            throw new ConfigException(source, 0, "tls", "cannot build TLS settings " + profile + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Route route(String host, int port) {
        Decision decision = table.route(host, port);
        return decision.originates() ? routes.get(decision) : null;
    }
}
