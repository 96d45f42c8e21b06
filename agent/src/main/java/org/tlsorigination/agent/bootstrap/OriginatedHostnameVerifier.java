package org.tlsorigination.agent.bootstrap;

import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.SSLSession;

/**
 * For clients that take a hostname verifier beside a socket factory (OkHttp): the name was already checked during
 * the handshake by the rule's trust, against the host, the rule's {@code sni} or its {@code subjectAltNames}, which a
 * client's own verifier knows nothing of. It also marks the connections a rule originates, and holds their route.
 * Two verifiers of one route are equal, so a client that keys its pool on them reuses the connections.
 */
public final class OriginatedHostnameVerifier implements HostnameVerifier {
    private final Route route;

    public OriginatedHostnameVerifier(Route route) {
        this.route = route;
    }

    public Route route() {
        return route;
    }

    @Override
    public boolean verify(String host, SSLSession session) {
        return true;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OriginatedHostnameVerifier && ((OriginatedHostnameVerifier) other).route == route;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(route);
    }
}
