package org.tlsorigination.agent.bootstrap;

import java.io.IOException;
import java.net.Socket;
import java.util.concurrent.Callable;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;

/**
 * A rule's answer for one plain-text connection that must be originated: the port to connect to instead, and how
 * to wrap the connected socket in TLS. Instrumented code in any class loader links against this type, so it is
 * defined in the boot loader and speaks only JDK types.
 */
public interface Route {

    /** The port to connect to instead of the one the client asked for. */
    int port();

    /**
     * Wraps a socket already connected to {@link #port()} in TLS and completes the handshake before returning, so
     * the client's first byte is encrypted; the socket's read timeout is restored afterwards. On failure the socket is
     * closed and the exception names the host and the reason; it never returns the plain socket.
     *
     * @param host the host name the client asked for: the SNI and the name checked, unless the rule overrides them
     * @param timeoutMillis how long the handshake may wait for the server, read from the client's own timeouts
     *     ({@link Origination#firstSet}, {@link Origination#shortestSet}); 0 or less for the agent's handshake timeout
     */
    Socket secure(Socket connected, String host, int timeoutMillis) throws IOException;

    /**
     * For clients that build their own TLS layer from a context (non-blocking I/O): every engine and socket it makes
     * already carries the rule's SNI, host check and protocols. Pass the request host as the engine's peer host.
     */
    SSLContext sslContext();

    /**
     * For non-blocking clients, whose connection counts as made only once the handshake is done: how long the
     * connect and the handshake together may take.
     *
     * @param connectTimeoutMillis the client's connect timeout; 0 or less when it set none
     */
    int handshakeTimeoutMillis(int connectTimeoutMillis);

    /**
     * For non-blocking clients, a task to run on the client's own timer once {@code timeoutMillis} have passed since
     * the connect began. It returns if {@code engine}, one of {@link #sslContext()}'s, has finished its handshake, and
     * otherwise throws an exception naming the host and what timed out, for the client to fail the connection with.
     */
    Callable<Void> handshakeDeadline(SSLEngine engine, int timeoutMillis);

    /**
     * For non-blocking clients, the failure of the handshake of {@code engine}, one of {@link #sslContext()}'s, as the
     * app must see it: naming the host, the route's port and the reason, with {@code failure} as its cause. A closed
     * channel or bytes that are no TLS record fail a handshake without passing the engine, which names its own.
     */
    SSLException handshakeFailure(SSLEngine engine, Throwable failure);

    /**
     * For clients that run the handshake themselves on a socket of {@link #sslContext()}: their failure, to throw in
     * its place, naming the host, the route's port and the reason, with {@code failure} as its cause.
     *
     * @param timeoutMillis the read timeout the handshake ran under, which a timed-out failure names
     */
    IOException handshakeFailure(String host, int timeoutMillis, IOException failure);
}
