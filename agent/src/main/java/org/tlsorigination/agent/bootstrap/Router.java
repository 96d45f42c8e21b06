package org.tlsorigination.agent.bootstrap;

import java.net.ConnectException;

/** Answers {@code route(host, port)} from the rules the agent loaded. Installed once into {@link Origination}. */
public interface Router {

    /**
     * The route for a plain-text connection to host:port, or null to leave the connection alone.
     *
     * @throws ConnectException when the outbound traffic policy refuses host:port
     */
    Route route(String host, int port) throws ConnectException;
}
