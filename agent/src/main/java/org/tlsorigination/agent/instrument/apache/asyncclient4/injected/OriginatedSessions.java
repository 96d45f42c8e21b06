package org.tlsorigination.agent.instrument.apache.asyncclient4.injected;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import org.apache.http.HttpHost;
import org.apache.http.conn.routing.HttpRoute;
import org.apache.http.impl.conn.DefaultSchemePortResolver;
import org.apache.http.nio.NHttpClientConnection;
import org.apache.http.nio.conn.ManagedNHttpClientConnection;
import org.apache.http.nio.reactor.IOSession;
import org.apache.http.nio.reactor.ssl.SSLIOSession;
import org.apache.http.nio.reactor.ssl.SSLMode;
import org.tlsorigination.agent.bootstrap.Origination;
import org.tlsorigination.agent.bootstrap.Route;

/**
 * HttpAsyncClient 4's originated connections, in the library's class loader. Its pool connects a direct http route to
 * the route's port, then layers TLS over the new session where it would layer the app's TLS for https. Both ask the
 * route table with the same host and port; should a reload change the answer in between, the second one, taken
 * before the first byte is written, decides whether TLS is layered.
 */
public final class OriginatedSessions {

    private OriginatedSessions() {
    }

    /** The address to connect a new connection of {@code route} to: the route's port for an originated one. */
    public static SocketAddress connectAddress(HttpRoute route, SocketAddress resolved) throws ConnectException {
        Route origination = originated(route, ((InetSocketAddress) resolved).getPort());
        return origination == null ? resolved : Origination.atRoutedPort((InetSocketAddress) resolved, origination);
    }

    /**
     * Layers TLS over a new direct http connection, as the app's https strategy would, before the request is written;
     * the engine checks the certificate as the rule says, and its failure names the host.
     */
    public static void secure(NHttpClientConnection connection, HttpRoute route) throws IOException {
        Route origination = originatedSession(connection, route);
        if (origination != null) {
            IOSession plain = ((ManagedNHttpClientConnection) connection).getIOSession();
            layer(connection, new SSLIOSession(plain, SSLMode.CLIENT,
                    new HttpHost(route.getTargetHost().getHostName(), origination.port()), origination.sslContext(),
                    null));
        }
    }

    /**
     * As {@link #secure}, for HttpCore NIO 4.3, whose TLS session makes its engine for the host name of the session's
     * remote address: the name the pool resolved, which {@link #connectAddress} keeps.
     */
    public static void secureOnRemoteHost(NHttpClientConnection connection, HttpRoute route) throws IOException {
        Route origination = originatedSession(connection, route);
        if (origination != null) {
            IOSession plain = ((ManagedNHttpClientConnection) connection).getIOSession();
            layer(connection, new SSLIOSession(plain, SSLMode.CLIENT, origination.sslContext(), null));
        }
    }

    /**
     * The route of a new plain connection that must be originated, else null. The port is resolved as the pool
     * resolved it: HttpAsyncClientBuilder gives the pool the default resolver.
     */
    private static Route originatedSession(NHttpClientConnection connection, HttpRoute route) throws IOException {
        IOSession plain = ((ManagedNHttpClientConnection) connection).getIOSession();
        return plain instanceof SSLIOSession ? null
                : originated(route, DefaultSchemePortResolver.INSTANCE.resolve(route.getTargetHost()));
    }

    private static void layer(NHttpClientConnection connection, SSLIOSession tls) throws IOException {
        ManagedNHttpClientConnection managed = (ManagedNHttpClientConnection) connection;
        managed.getIOSession().setAttribute(SSLIOSession.SESSION_KEY, tls);
        tls.initialize();
        managed.bind(tls);
    }

    /** Proxied and https routes are left alone; a route through a proxy is refused before it gets here. */
    private static Route originated(HttpRoute route, int port) throws ConnectException {
        HttpHost target = route.getTargetHost();
        return route.getProxyHost() == null ? Origination.routeScheme(target.getSchemeName(), target.getHostName(), port)
                : null;
    }
}
