package org.tlsorigination.agent.bootstrap;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import javax.net.ssl.SSLSocket;

/**
 * A plain socket the agent left alone, as a client that does not know the agent may use it to talk to an HTTP proxy.
 * The first request head written to it is held while it can be a proxy request ({@link ProxyRequestHead}); one for
 * a host the rules originate goes to the proxy as {@code CONNECT host:<rule's port>} instead, with the client's own
 * {@code Proxy-Authorization}, and then in origin form through TLS inside the tunnel. A proxy that asks for
 * credentials hands the client its answer, as its request would have had it; any other refusal fails the write,
 * naming the proxy, its answer and the host. Not a byte of an originated request crosses the proxy in plain text.
 */
final class ProxiedSocket {
    private final Socket socket;
    private final InetSocketAddress proxy;
    private final Input input = new Input();
    private final Output output = new Output();
    private volatile boolean settingUp;
    private InputStream rawIn;
    private OutputStream rawOut;

    ProxiedSocket(Socket socket, InetSocketAddress proxy) {
        this.socket = socket;
        this.proxy = proxy;
    }

    /** The stream to hand the caller for the socket's own {@code raw} one; raw itself while a tunnel is set up. */
    synchronized InputStream input(InputStream raw) {
        rawIn = raw;
        if (settingUp) {
            return raw;
        }
        input.startWith(raw);
        return input;
    }

    synchronized OutputStream output(OutputStream raw) {
        rawOut = raw;
        return settingUp ? raw : output;
    }

    /** Opens the tunnel for {@code head}, or hands the client the proxy's request for credentials. */
    private OutputStream tunnel(ProxyRequestHead head, Route route) throws IOException {
        URI target = head.target();
        String authority = target.getHost() + ":" + route.port();
        String failure = "TLS origination to " + authority + " through the proxy " + proxy.getHostString() + ":"
                + proxy.getPort() + " failed: ";
        settingUp = true;
        try {
            InputStream in = socket.getInputStream();
            ProxyTunnel.send(rawOut, authority, head.header("Proxy-Authorization"));
            // A proxy that never answers must not hold the app's write forever where the app set no read timeout.
            int readTimeout = socket.getSoTimeout();
            socket.setSoTimeout(Origination.firstSet(readTimeout, route.handshakeTimeoutMillis(0)));
            ProxyTunnel.Head answer = ProxyTunnel.Head.read(in, failure);
            socket.setSoTimeout(readTimeout);
            if (answer.status() == 407) {
                // The client answers as its request would have been answered; the rest of that request is not sent.
                input.reading(new SequenceInputStream(new ByteArrayInputStream(answer.closing()), in));
                return OutputStream.nullOutputStream();
            }
            if (answer.status() / 100 != 2) {
                throw new IOException(failure + "the proxy answered " + answer.statusText());
            }
            SSLSocket tls = (SSLSocket) route.secure(socket, target.getHost(),
                    Origination.firstSet(socket.getSoTimeout(), route.handshakeTimeoutMillis(0)));
            SocketOrigination.originated(socket, tls);
            input.reading(tls.getInputStream());
            OutputStream toOrigin = tls.getOutputStream();
            toOrigin.write(head.forOrigin());
            return toOrigin;
        } catch (IOException e) {
            socket.close();
            throw e.getMessage() != null && e.getMessage().startsWith("TLS origination to ") ? e
                    : new IOException(failure + e.getMessage(), e);
        } finally {
            settingUp = false;
        }
    }

    /**
     * What the client reads: the socket, the proxy's answer before it, or the tunnel's TLS. Not static: a stream the
     * client holds keeps its socket's state alive, which the agent's map holds only weakly.
     */
    private final class Input extends FilterInputStream {
        Input() {
            super(null);
        }

        void reading(InputStream from) {
            in = from;
        }

        void startWith(InputStream raw) {
            if (in == null) {
                in = raw;
            }
        }
    }

    private final class Output extends OutputStream {
        private final ProxyRequestHead head = new ProxyRequestHead();
        private OutputStream decided;

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
            for (int i = offset; i < offset + length; i++) {
                if (decided != null) {
                    decided.write(bytes, i, offset + length - i);
                    return;
                }
                ProxyRequestHead.Verdict verdict = head.add(bytes[i]);
                if (verdict == ProxyRequestHead.Verdict.NOT_A_PROXY_REQUEST) {
                    decided = rawOut;
                    rawOut.write(head.bytes());
                } else if (verdict == ProxyRequestHead.Verdict.COMPLETE) {
                    decide();
                }
            }
        }

        private void decide() throws IOException {
            URI target = head.target();
            Route route = target == null || target.getHost() == null ? null
                    : Origination.routeScheme("http", target.getHost(), target.getPort());
            if (route == null) {
                decided = rawOut;
                rawOut.write(head.bytes());
                return;
            }
            decided = tunnel(head, route);
        }

        @Override
        public synchronized void flush() throws IOException {
            (decided != null ? decided : rawOut).flush();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
