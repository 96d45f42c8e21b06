package org.tlsorigination.agent.instrument.jetty.injected;

import org.tlsorigination.agent.bootstrap.Route;

/**
 * The tag of an https origin the agent makes for an originated http request through the app's proxy: it keeps that
 * destination, and its pool, apart from the app's own https destination at the same host and port, and carries the
 * rule to the connect. The app's own tag stays part of it, so its destinations stay apart as it made them.
 */
public record TunnelledOrigin(Route route, Object appTag) {
}
