package org.tlsorigination.agent.bootstrap;

import java.net.ConnectException;
import javax.net.ssl.SSLEngine;

/** Answers {@code route(host, port)} from the rules the agent loaded. Installed once into {@link Origination}. */
public interface Router {

    /**
     * The route for a plain-text connection to host:port, or null to leave the connection alone.
     *
     * @throws ConnectException when the outbound traffic policy refuses host:port
     */
    Route route(String host, int port) throws ConnectException;

    /** Told of a plain connect to host:port that no route takes, once per connect, before it is made. */
    default void plainConnect(String host, int port) {
    }

    /** Told that the app makes a TLS client socket or engine of its own for host:port. */
    default void securedByApp(String host, int port) {
    }

    /** As {@link Origination#failureOf}. */
    default Throwable failureOf(SSLEngine engine, Throwable failure) {
        return failure;
    }
}
