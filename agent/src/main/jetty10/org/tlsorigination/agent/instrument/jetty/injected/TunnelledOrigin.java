package org.tlsorigination.agent.instrument.jetty.injected;

import java.net.ConnectException;
import java.util.Objects;
import org.tlsorigination.agent.bootstrap.Origination;
import org.tlsorigination.agent.bootstrap.Route;

/**
 * The tag of an https origin the agent makes for an originated http request through the app's proxy: it keeps that
 * destination, and its pool, apart from the app's own https destination at the same host and port, and carries the
 * rule to the connect. The app's own tag stays part of it, so its destinations stay apart as it made them. Built for
 * Java 11, as it serves every Jetty generation.
 */
public final class TunnelledOrigin {
    private final Route route;
    private final Object appTag;

    public TunnelledOrigin(Route route, Object appTag) {
        this.route = route;
        this.appTag = appTag;
    }

    /**
     * The route of an http origin at {@code host} and {@code port} that the app sends through its proxy, or null
     * where no rule originates it; a refusal by the policy is null too, left to the connect, which fails the request
     * as a failed connect does.
     */
    public static Route routeOf(String host, int port) {
        try {
            return Origination.routeScheme("http", host, port);
        } catch (ConnectException refused) {
            return null;
        }
    }

    /**
     * The route of a connection that a destination tagged {@code tag}, for {@code scheme://host:port}, opens to its
     * proxy at {@code proxyHost:proxyPort}: a tunnelled origin's; null for any other destination, which is refused if a
     * rule originates it, as the proxy would see its request in plain text.
     */
    public static Route throughProxy(Object tag, String scheme, String host, int port, String proxyHost,
                                     int proxyPort) throws ConnectException {
        if (tag instanceof TunnelledOrigin) {
            return ((TunnelledOrigin) tag).route;
        }
        Origination.routeVia(scheme, host, port, proxyHost, proxyPort);
        return null;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TunnelledOrigin && ((TunnelledOrigin) other).route.equals(route)
                && Objects.equals(((TunnelledOrigin) other).appTag, appTag);
    }

    @Override
    public int hashCode() {
        return Objects.hash(route, appTag);
    }
}
