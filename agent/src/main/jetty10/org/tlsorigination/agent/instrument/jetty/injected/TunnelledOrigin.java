package org.tlsorigination.agent.instrument.jetty.injected;

import java.util.Objects;
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

    public Route route() {
        return route;
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
