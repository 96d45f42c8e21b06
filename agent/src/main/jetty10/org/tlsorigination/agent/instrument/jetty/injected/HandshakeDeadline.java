package org.tlsorigination.agent.instrument.jetty.injected;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLEngine;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.io.EndPoint;
import org.tlsorigination.agent.bootstrap.Route;

/**
 * Jetty's connect timeout ends with the TCP connect; the same length then bounds the handshake of an originated
 * connection, whose failure closes the endpoint with the exception naming the host, failing the request. Built for
 * Java 11 against Jetty 10's {@code jetty-io}, whose types Jetty 12 keeps, so it serves every Jetty generation.
 */
public final class HandshakeDeadline {

    private HandshakeDeadline() {
    }

    public static void schedule(EndPoint endPoint, Route route, ClientConnector connector, SSLEngine engine) {
        int timeoutMillis = route.handshakeTimeoutMillis(
                (int) Math.min(connector.getConnectTimeout().toMillis(), Integer.MAX_VALUE));
        Callable<Void> deadline = route.handshakeDeadline(engine, timeoutMillis);
        connector.getScheduler().schedule(() -> {
            try {
                deadline.call();
            } catch (Exception timedOut) {
                endPoint.close(timedOut);
            }
        }, timeoutMillis, TimeUnit.MILLISECONDS);
    }
}
