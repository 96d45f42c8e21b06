package org.tlsorigination.agent.instrument.apache.asyncclient4.injected;

import java.io.IOException;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import org.apache.http.nio.NHttpClientConnection;
import org.apache.http.nio.conn.ManagedNHttpClientConnection;
import org.apache.http.nio.reactor.IOSession;
import org.apache.http.nio.reactor.ssl.SSLSetupHandler;
import org.tlsorigination.agent.bootstrap.Origination;
import org.tlsorigination.agent.bootstrap.Route;

/**
 * The handshake of one originated session, kept in the session's attributes. A timeout or a reset ends such a handshake
 * in HttpCore's reactor, which hands the app its own exception without passing the engine; the request executor asks
 * here first, so a failure before the handshake finished names the host, and one after it keeps its own type.
 */
public final class OriginatedHandshake implements SSLSetupHandler {
    private static final String ATTRIBUTE = "org.tlsorigination.agent.handshake";

    private final Route route;
    private volatile SSLEngine engine;

    private OriginatedHandshake(Route route) {
        this.route = route;
    }

    /** The setup handler for the TLS session layered over {@code plain} by {@code route}. */
    static OriginatedHandshake of(IOSession plain, Route route) {
        OriginatedHandshake handshake = new OriginatedHandshake(route);
        plain.setAttribute(ATTRIBUTE, handshake);
        return handshake;
    }

    /** The failure the app is to get for {@code connection}: named, if it ended an originated handshake. */
    public static Exception failure(NHttpClientConnection connection, Exception cause) {
        OriginatedHandshake handshake = started(connection);
        return handshake == null ? cause : (Exception) Origination.failureOf(handshake.engine, cause);
    }

    /**
     * Fails, naming the host, a connection whose socket timeout passed during its originated handshake; the reactor
     * hands that failure to the request, as it would the executor's own timeout.
     */
    public static void failUnfinished(NHttpClientConnection connection) throws IOException {
        OriginatedHandshake handshake = started(connection);
        if (handshake != null) {
            try {
                handshake.route.handshakeDeadline(handshake.engine, connection.getSocketTimeout()).call();
            } catch (Exception e) {
                throw e instanceof IOException ? (IOException) e : new IOException(e);
            }
        }
    }

    private static OriginatedHandshake started(NHttpClientConnection connection) {
        Object handshake = connection instanceof ManagedNHttpClientConnection
                ? ((ManagedNHttpClientConnection) connection).getIOSession().getAttribute(ATTRIBUTE) : null;
        return handshake instanceof OriginatedHandshake && ((OriginatedHandshake) handshake).engine != null
                ? (OriginatedHandshake) handshake : null;
    }

    @Override
    public void initalize(SSLEngine started) {
        engine = started;
    }

    /** The engine has checked the server as the rule says. */
    @Override
    public void verify(IOSession session, SSLSession tls) {
    }
}
