package org.tlsorigination.agent.bootstrap;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ref.WeakReference;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

/**
 * TLS at the socket, for the blocking clients no family rewrites: a plain {@code java.net.Socket} whose connect a
 * rule originates connects to the rule's port (through the app's SOCKS or HTTP proxy, if it has one, which tunnels
 * there), runs the handshake there before {@code connect} returns, and from then on hands the app the TLS streams;
 * closing it sends close_notify. A socket connected to the TLS port itself, as one the app secures itself is, is left
 * alone; TLS of the app's own on a socket the agent originated is refused.
 */
public final class SocketOrigination {
    /** Weak keys: the TLS layer lives as long as the app holds its socket. */
    private static final Map<Socket, Layer> ORIGINATED = Collections.synchronizedMap(new WeakHashMap<>());
    /**
     * Weak values too: a value holds its socket, and a socket the app drops without closing must not be kept. The
     * app holds the streams it uses, and they hold the value.
     */
    private static final Map<Socket, WeakReference<ProxiedSocket>> PLAIN = new WeakHashMap<>();

    private static volatile boolean originating;
    private static volatile boolean guarding;
    /** Spares every other socket the map while no socket has been originated. */
    private static volatile boolean anyOriginated;

    private SocketOrigination() {
    }

    /**
     * Originates plain sockets from now on where {@code originate}; otherwise the guard, when on, refuses them. The
     * guard also refuses a request for an originated host written in plain text to a proxy.
     */
    public static void install(boolean originate, boolean guard) {
        originating = originate;
        guarding = guard;
    }

    /**
     * The route to originate a connect of {@code socket} to {@code endpoint} with, or null to leave it alone.
     *
     * @throws ConnectException when plain sockets are not originated and the guard refuses the connect
     */
    public static Route connecting(Socket socket, SocketAddress endpoint) throws ConnectException {
        Route route = socket instanceof SSLSocket ? null : ConnectGuard.movingRoute(endpoint);
        if (route != null && !originating) {
            ConnectGuard.refuse((InetSocketAddress) endpoint, route);
            return null;
        }
        return route;
    }

    /**
     * Runs the handshake on {@code socket}, just connected to the route's port, within its read timeout, else the
     * connect timeout it was given, else the agent's; a failure closes it and names the host.
     */
    public static void connected(Socket socket, Route route, String host, int connectTimeoutMillis)
            throws IOException {
        originated(socket, (SSLSocket) route.secure(socket, host,
                Origination.firstSet(socket.getSoTimeout(), connectTimeoutMillis)));
    }

    /** From now on the socket's streams, output shutdown and close go through {@code tls}. */
    static void originated(Socket socket, SSLSocket tls) {
        ORIGINATED.put(socket, new Layer(tls));
        anyOriginated = true;
    }

    /**
     * Refuses the app's own TLS layer on {@code socket} where the agent originated it: the app asked for TLS to
     * {@code host:port}, a port the rule serves in plain text and moved, so its TLS would run inside the agent's.
     */
    public static void layering(Socket socket, String host, int port) throws SSLException {
        if (layerOf(socket) != null) {
            throw new SSLException("TLS origination to " + host + ":" + socket.getPort() + " already secures this "
                    + "connection, which the app opened to port " + port + " and now layers TLS of its own on: "
                    + "TLS in TLS is never made; connect to port " + socket.getPort() + " for the app's own TLS");
        }
    }

    /** The TLS input stream of an originated socket, or null for any other. */
    public static InputStream input(Socket socket) throws IOException {
        Layer layer = layerOf(socket);
        return layer == null ? null : layer.tls.getInputStream();
    }

    /** The TLS output stream of an originated socket, or null for any other. */
    public static OutputStream output(Socket socket) throws IOException {
        Layer layer = layerOf(socket);
        return layer == null ? null : layer.tls.getOutputStream();
    }

    /**
     * The input of a plain socket the agent left alone: with the guard on, the socket's own, or what a tunnel the
     * agent opens on it for a proxy request puts in its place (see {@link ProxiedSocket}).
     */
    public static InputStream plainInput(Socket socket, InputStream plain) {
        ProxiedSocket proxied = proxied(socket);
        return proxied == null ? plain : proxied.input(plain);
    }

    /**
     * The output of a plain socket the agent left alone: with the guard on, one whose first request head is held
     * while it can be a proxy request, so that one for an originated host goes through a tunnel, never in plain text.
     */
    public static OutputStream plainOutput(Socket socket, OutputStream plain) {
        ProxiedSocket proxied = proxied(socket);
        return proxied == null ? plain : proxied.output(plain);
    }

    private static ProxiedSocket proxied(Socket socket) {
        SocketAddress remote = socket.getRemoteSocketAddress();
        if (!guarding || !(remote instanceof InetSocketAddress) || socket instanceof SSLSocket) {
            return null;
        }
        synchronized (PLAIN) {
            WeakReference<ProxiedSocket> known = PLAIN.get(socket);
            ProxiedSocket proxied = known == null ? null : known.get();
            if (proxied == null) {
                proxied = new ProxiedSocket(socket, (InetSocketAddress) remote);
                PLAIN.put(socket, new WeakReference<>(proxied));
            }
            return proxied;
        }
    }

    /**
     * Sends close_notify and then shuts the socket's output, as TLS does; returns whether it did. The TLS layer shuts
     * the socket's output by calling this socket again, which then does it itself.
     */
    public static boolean shutdownOutput(Socket socket) throws IOException {
        Layer layer = layerOf(socket);
        if (layer == null || layer.shuttingOutput) {
            return false;
        }
        layer.shuttingOutput = true;
        layer.tls.shutdownOutput();
        return true;
    }

    /** Closes the TLS layer first, which sends close_notify and then closes the socket through this call again. */
    public static void close(Socket socket) throws IOException {
        if (guarding) {
            synchronized (PLAIN) {
                PLAIN.remove(socket);
            }
        }
        Layer layer = anyOriginated ? ORIGINATED.remove(socket) : null;
        if (layer != null) {
            layer.tls.close();
        }
    }

    private static Layer layerOf(Socket socket) {
        return anyOriginated ? ORIGINATED.get(socket) : null;
    }

    private static final class Layer {
        final SSLSocket tls;
        volatile boolean shuttingOutput;

        Layer(SSLSocket tls) {
            this.tls = tls;
        }
    }
}
