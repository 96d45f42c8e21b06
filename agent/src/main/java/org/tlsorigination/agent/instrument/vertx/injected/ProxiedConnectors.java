package org.tlsorigination.agent.instrument.vertx.injected;

import io.vertx.core.http.impl.HttpClientBase;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.ProxyOptions;
import io.vertx.core.net.ProxyType;
import io.vertx.core.net.SocketAddress;
import java.net.ConnectException;
import org.tlsorigination.agent.bootstrap.Origination;

/** Vert.x's connectors, in its class loader. */
public final class ProxiedConnectors {

    private ProxiedConnectors() {
    }

    /**
     * The proxy that a plain connector for {@code authority} must tunnel through, or null to leave it as it is: when
     * Vert.x sends plain http to its HTTP proxy, it names the proxy as the server and passes no proxy options, and
     * for a host a rule originates the proxy would receive the request in plain text. The client's HTTP proxy is
     * the one at that server's address; a request's own proxy elsewhere stays refused as Netty encodes it.
     */
    public static ProxyOptions tunnelThrough(HttpClientBase client, ProxyOptions proxy, boolean ssl,
                                             HostAndPort authority, SocketAddress server) throws ConnectException {
        if (proxy != null || ssl || authority == null || server == null || server.host() == null) {
            return null;
        }
        ProxyOptions configured = client.options().getProxyOptions();
        if (configured == null || configured.getType() != ProxyType.HTTP
                || !server.host().equalsIgnoreCase(configured.getHost()) || server.port() != configured.getPort()
                || (authority.host().equalsIgnoreCase(server.host()) && authority.port() == server.port())) {
            return null;
        }
        return Origination.route(authority.host(), authority.port()) == null ? null : configured;
    }
}
