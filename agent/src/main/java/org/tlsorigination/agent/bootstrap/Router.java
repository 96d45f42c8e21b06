package org.tlsorigination.agent.bootstrap;

/** Answers {@code route(host, port)} from the rules the agent loaded. Installed once into {@link Origination}. */
public interface Router {

    /** The route for a plain-text connection to host:port, or null to leave the connection alone. */
    Route route(String host, int port);
}
