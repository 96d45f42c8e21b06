package org.tlsorigination.agent.instrument.apache.asyncclient5.injected;

import java.io.IOException;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.net.NamedEndpoint;
import org.apache.hc.core5.reactor.IOSession;
import org.apache.hc.core5.reactor.ssl.SSLSessionInitializer;
import org.apache.hc.core5.reactor.ssl.TransportSecurityLayer;
import org.apache.hc.core5.util.Timeout;
import org.tlsorigination.agent.bootstrap.Origination;
import org.tlsorigination.agent.bootstrap.Route;

/**
 * The handshake of one originated session. A timeout or a reset ends such a handshake in HttpCore's reactor, which
 * hands the app its own exception without passing the engine; the session's channel asks here first, so a failure
 * before the handshake finished names the host, and one after it keeps its own type. HttpCore's sessions carry no
 * attributes: the handshakes are kept by their session, for as long as it lives.
 */
public final class OriginatedHandshake implements SSLSessionInitializer {
    private static final Map<Object, OriginatedHandshake> BY_SESSION = Collections.synchronizedMap(new WeakHashMap<>());

    private final Route route;
    private volatile SSLEngine engine;

    private OriginatedHandshake(Route route) {
        this.route = route;
    }

    /**
     * Starts the rule's TLS for {@code host} on a new session or in a tunnel, the handshake bounded by {@code timeout}
     * (null: by the session's socket timeout).
     */
    public static void startTls(TransportSecurityLayer session, Route route, String host, Timeout timeout) {
        session.startTls(route.sslContext(), new HttpHost(host, route.port()), null, new OriginatedHandshake(route),
                null, timeout);
    }

    /** Keeps by {@code session} the handshake that TLS starting on it runs, if {@code initializer} is the agent's. */
    public static void starting(Object session, SSLSessionInitializer initializer) {
        if (initializer instanceof OriginatedHandshake) {
            BY_SESSION.put(session, (OriginatedHandshake) initializer);
        }
    }

    /** The failure the app is to get for {@code session}: named, if it ended an originated handshake. */
    public static Exception failure(Object session, Exception cause) {
        OriginatedHandshake handshake = started(session);
        return handshake == null ? cause : (Exception) Origination.failureOf(handshake.engine, cause);
    }

    /**
     * Fails, naming the host, a session whose handshake timeout passed before its originated handshake finished; the
     * reactor hands that failure to the session as it would the client's own timeout.
     */
    public static void failUnfinished(Object session, Timeout timeout) throws IOException {
        OriginatedHandshake handshake = started(session);
        if (handshake != null) {
            try {
                handshake.route.handshakeDeadline(handshake.engine, (int) timeout.toMilliseconds()).call();
            } catch (Exception e) {
                throw e instanceof IOException ? (IOException) e : new IOException(e);
            }
        }
    }

    /**
     * Hands {@code timeout}, set on {@code session} while its originated handshake runs, to the session's TLS layer
     * {@code tls}, which applies it once the handshake is done; true when it did, and the handshake stays under its
     * own timeout. HttpCore 5.4 starts that layer (and its handshake) as the session connects, before the client sets
     * its response timeout, and ends the handshake by restoring the timeout the session had when it started: a
     * timeout set on the session in between would be lost. Once the handshake is done, or before it starts (HttpCore
     * 5.0 starts it at the session's first event), the session takes the timeout itself.
     */
    public static boolean keptForAfterHandshake(Object session, IOSession tls, Timeout timeout) {
        OriginatedHandshake handshake = started(session);
        if (handshake == null || tls == null
                || handshake.engine.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING) {
            return false;
        }
        tls.setSocketTimeout(timeout);
        return true;
    }

    private static OriginatedHandshake started(Object session) {
        OriginatedHandshake handshake = BY_SESSION.get(session);
        return handshake != null && handshake.engine != null ? handshake : null;
    }

    @Override
    public void initialize(NamedEndpoint endpoint, SSLEngine started) {
        engine = started;
    }
}
