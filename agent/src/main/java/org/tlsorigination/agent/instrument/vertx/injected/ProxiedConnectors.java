package org.tlsorigination.agent.instrument.vertx.injected;

import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.ProxyOptions;
import io.vertx.core.net.ProxyType;
import io.vertx.core.net.SocketAddress;
import java.net.ConnectException;
import org.tlsorigination.agent.bootstrap.Origination;

/** Vert.x's connectors, in its class loader. */
public final class ProxiedConnectors {
    /**
     * The endpoint key this thread built last, when that key sends plain http to an HTTP proxy itself. Vert.x builds
     * the key for an endpoint's connection, then its connector, on one thread; every request builds a key, so a key
     * for another endpoint replaces it before that endpoint's connector is built.
     */
    private static final ThreadLocal<KeyedProxy> KEYED_PROXY = new ThreadLocal<>();

    private ProxiedConnectors() {
    }

    /**
     * Vert.x builds an endpoint key: for plain http through an HTTP proxy, the client's or the request's own, it keys
     * the endpoint by the proxy's address, with that proxy's options, and then hands the connector no proxy.
     */
    public static void keyed(boolean ssl, ProxyOptions proxy, SocketAddress server, HostAndPort authority) {
        boolean toTheProxy = !ssl && proxy != null && proxy.getType() == ProxyType.HTTP && authority != null
                && isAt(server, proxy.getHost(), proxy.getPort());
        if (toTheProxy) {
            KEYED_PROXY.set(new KeyedProxy(proxy, authority));
        } else {
            KEYED_PROXY.remove();
        }
    }

    /**
     * The proxy that a plain connector for {@code authority} must tunnel through, or null to leave it as it is: when
     * Vert.x sends plain http to an HTTP proxy, it names the proxy as the server and passes no proxy options, and for
     * a host a rule originates the proxy would receive the request in plain text. The proxy is the one the endpoint's
     * key named at that server's address, with its credentials.
     */
    public static ProxyOptions tunnelThrough(ProxyOptions proxy, boolean ssl, HostAndPort authority,
                                             SocketAddress server) throws ConnectException {
        KeyedProxy keyed = KEYED_PROXY.get();
        KEYED_PROXY.remove();
        if (keyed == null || proxy != null || ssl || authority == null || !authority.equals(keyed.authority)
                || !isAt(server, keyed.proxy.getHost(), keyed.proxy.getPort())
                || isAt(server, authority.host(), authority.port())) {
            return null;
        }
        return Origination.route(authority.host(), authority.port()) == null ? null : keyed.proxy;
    }

    private static boolean isAt(SocketAddress server, String host, int port) {
        return server != null && server.host() != null && server.host().equalsIgnoreCase(host)
                && server.port() == port;
    }

    /** A proxy an endpoint key names for plain http to {@code authority}. */
    static final class KeyedProxy {
        final ProxyOptions proxy;
        final HostAndPort authority;

        KeyedProxy(ProxyOptions proxy, HostAndPort authority) {
            this.proxy = proxy;
            this.authority = authority;
        }
    }
}
