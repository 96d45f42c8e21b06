package org.tlsorigination.agent.instrument.jetty.injected;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.net.ssl.SSLEngine;
import org.eclipse.jetty.util.thread.Scheduler;
import org.tlsorigination.agent.bootstrap.Route;

/**
 * Jetty's connect timeout ends with the TCP connect; the same length then bounds the handshake of an originated
 * connection, whose failure is handed to the caller with the exception naming the host, to fail the request with.
 * Built for Java 11 against Jetty 10's {@code jetty-util}, whose scheduler Jetty 9.4 and 12 have too, so it serves
 * every Jetty generation.
 */
public final class HandshakeDeadline {

    private HandshakeDeadline() {
    }

    public static void schedule(Scheduler scheduler, long connectTimeoutMillis, Route route, SSLEngine engine,
                                Consumer<Exception> timedOut) {
        int timeoutMillis = route.handshakeTimeoutMillis((int) Math.min(connectTimeoutMillis, Integer.MAX_VALUE));
        Callable<Void> deadline = route.handshakeDeadline(engine, timeoutMillis);
        scheduler.schedule(() -> {
            try {
                deadline.call();
            } catch (Exception failure) {
                timedOut.accept(failure);
            }
        }, timeoutMillis, TimeUnit.MILLISECONDS);
    }
}
