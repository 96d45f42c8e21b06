package org.tlsorigination.testapps.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.tlsorigination.testapps.harness.StandInResponse.Reply;

/**
 * The local stand-in for edition.cnn.com, on 127.0.0.1 only. Its plain listener redirects every request to https, as
 * the real site does on port 80; its TLS listener answers 200 with a page as long as the seed's, or misbehaves as its
 * builder says. It records every connection and request it sees, and counts plain bytes on either port.
 */
public final class StandInServer implements AutoCloseable {

    public static final String HOST = "edition.cnn.com";
    public static final int BODY_LENGTH = PoliticsPage.LENGTH;

    /** Bounds how long an idle client can hold a handler thread. */
    private static final int IDLE_TIMEOUT_MILLIS = 30_000;

    public enum Listener { PLAIN, TLS }

    private final ServerSocket plainListener;
    private final ServerSocket tlsListener;
    private final TlsPort tlsPort;
    private final ExecutorService threads = Executors.newCachedThreadPool(Streams.daemonThreads("stand-in"));
    private final Set<Socket> openSockets = ConcurrentHashMap.newKeySet();
    private final AtomicInteger nextConnectionId = new AtomicInteger(1);
    private final AtomicInteger plainConnections = new AtomicInteger();
    private final AtomicLong plainBytesReceived = new AtomicLong();
    private final AtomicLong nonTlsBytesReceived = new AtomicLong();
    private final AtomicInteger tlsConnections = new AtomicInteger();
    private final AtomicInteger tlsHandshakes = new AtomicInteger();
    private final Map<Integer, StandInConnection> connections = new ConcurrentSkipListMap<>();
    /** A queue, not a copy-on-write list: a load run records a hundred thousand requests. */
    private final ConcurrentLinkedQueue<StandInRequest> requests = new ConcurrentLinkedQueue<>();
    private final byte[] page;
    private final Set<Integer> closeNotified = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private StandInServer(Builder builder) throws IOException {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        tlsPort = new TlsPort(builder.tlsContext, builder.tlsBehaviour, builder.tlsProtocols, builder.cipherSuites,
                builder.alpn, builder.requireClientCertificate);
        tlsListener = new ServerSocket(builder.tlsPort, 50, loopback);
        try {
            plainListener = new ServerSocket(builder.plainPort, 50, loopback);
        } catch (IOException | RuntimeException e) {
            tlsListener.close();
            throw e;
        }
        page = builder.pageLength == BODY_LENGTH ? PoliticsPage.body() : PoliticsPage.render(builder.pageLength);
        threads.execute(() -> acceptLoop(plainListener, Listener.PLAIN));
        threads.execute(() -> acceptLoop(tlsListener, Listener.TLS));
    }

    /** A stand-in whose TLS listener presents the certificate of {@code tlsContext}. */
    public static Builder builder(SSLContext tlsContext) {
        return new Builder(tlsContext);
    }

    public int plainPort() {
        return plainListener.getLocalPort();
    }

    public int tlsPort() {
        return tlsListener.getLocalPort();
    }

    /** TCP connections accepted on the plain port, including ones that sent nothing. */
    public int plainConnections() {
        return plainConnections.get();
    }

    public long plainBytesReceived() {
        return plainBytesReceived.get();
    }

    /** Bytes the TLS port received outside TLS records: plain text instead of a ClientHello, or after a failure. */
    public long nonTlsBytesReceived() {
        return nonTlsBytesReceived.get();
    }

    /** TCP connections accepted on the TLS port, handshake completed or not. */
    public int tlsConnections() {
        return tlsConnections.get();
    }

    public int tlsHandshakes() {
        return tlsHandshakes.get();
    }

    /** Completed handshakes that created a TLS session; a resumed one keeps the creation time of the one it resumes. */
    public long fullHandshakes() {
        return connections().stream().mapToLong(StandInConnection::sessionCreated).filter(created -> created > 0)
                .distinct().count();
    }

    /** Every accepted connection, in order of acceptance. */
    public List<StandInConnection> connections() {
        return List.copyOf(connections.values());
    }

    /**
     * The ids of the TLS connections whose client ended them with close_notify. The JDK takes a bare FIN for one
     * unless the JVM runs with {@code com.sun.net.ssl.requireCloseNotify=true}, as the tests that read this do.
     */
    public Set<Integer> closeNotified() {
        return Set.copyOf(closeNotified);
    }

    /** Every request read, in order of arrival. */
    public List<StandInRequest> requests() {
        return List.copyOf(requests);
    }

    /** One line on what the stand-in saw, for demo output and assertion messages. */
    public String summary() {
        List<StandInRequest> seen = requests();
        StringBuilder summary = new StringBuilder(seen.isEmpty() ? "no requests"
                : seen.stream().map(StandInRequest::toString).collect(Collectors.joining(", then ")));
        if (plainConnections() == 0) {
            summary.append("; plain port untouched");
        }
        int unfinished = tlsConnections() - tlsHandshakes();
        if (unfinished > 0) {
            summary.append("; ").append(unfinished).append(" TLS connection(s) without a completed handshake");
        }
        return summary.toString();
    }

    @Override
    public String toString() {
        return "StandInServer[plain 127.0.0.1:" + plainPort() + ", tls 127.0.0.1:" + tlsPort() + "]: " + summary();
    }

    @Override
    public void close() {
        closed = true;
        Streams.closeQuietly(plainListener);
        Streams.closeQuietly(tlsListener);
        openSockets.forEach(Streams::closeQuietly);
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptLoop(ServerSocket listener, Listener kind) {
        while (!closed) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                return; // closed, or the listener broke: either way it accepts no more
            }
            openSockets.add(socket);
            if (closed) {
                Streams.closeQuietly(socket); // close() may already have swept openSockets
                return;
            }
            int id = nextConnectionId.getAndIncrement();
            (kind == Listener.TLS ? tlsConnections : plainConnections).incrementAndGet();
            connections.put(id, new StandInConnection(id, kind, null, null, null, null, 0));
            if (kind == Listener.TLS && tlsPort.behaviour() == TlsPort.Behaviour.SILENT) {
                continue; // never read the ClientHello; close() closes the socket
            }
            try {
                threads.execute(() -> serve(socket, id, kind));
            } catch (RejectedExecutionException e) {
                Streams.closeQuietly(socket);
            }
        }
    }

    private void serve(Socket socket, int id, Listener kind) {
        try (socket) {
            socket.setSoTimeout(IDLE_TIMEOUT_MILLIS);
            if (kind == Listener.PLAIN) {
                answer(id, null, new CountingInputStream(socket.getInputStream(), plainBytesReceived),
                        socket.getOutputStream(), Reply.REDIRECT);
                return;
            }
            Object arrival = tlsPort.receive(socket, nonTlsBytesReceived);
            if (arrival instanceof SSLSocket) {
                SSLSocket tls = (SSLSocket) arrival;
                connections.put(id, StandInConnection.handshaken(id, tls));
                tlsHandshakes.incrementAndGet();
                if (answer(id, connections.get(id).sni(), tls.getInputStream(), tls.getOutputStream(), Reply.PAGE)) {
                    closeNotified.add(id);
                }
            } else if (arrival != null) {
                answer(id, null, (InputStream) arrival, socket.getOutputStream(),
                        tlsPort.behaviour() == TlsPort.Behaviour.SPEAKS_PLAIN_HTTP ? Reply.PAGE : Reply.NONE);
            }
        } catch (IOException e) {
            // The client left, idled out or failed the handshake; the counters already tell the story.
        } finally {
            openSockets.remove(socket);
        }
    }

    private boolean answer(int id, String sni, InputStream in, OutputStream out, Reply reply) throws IOException {
        boolean tls = connections.get(id).protocol() != null;
        return StandInResponse.answerEach(in, out, reply, page, tlsPort(),
                head -> requests.add(new StandInRequest(id, tls, sni, head)));
    }

    /** Options for a stand-in; ports default to 0 (ephemeral). */
    public static final class Builder {
        private final SSLContext tlsContext;
        private int plainPort;
        private int tlsPort;
        private TlsPort.Behaviour tlsBehaviour = TlsPort.Behaviour.ANSWERS;
        private boolean requireClientCertificate;
        private String[] tlsProtocols = {"TLSv1.3", "TLSv1.2"};
        private String[] cipherSuites;
        private String[] alpn = {};
        private int pageLength = BODY_LENGTH;

        private Builder(SSLContext tlsContext) {
            this.tlsContext = tlsContext;
        }

        public Builder plainPort(int port) {
            this.plainPort = port;
            return this;
        }

        public Builder tlsPort(int port) {
            this.tlsPort = port;
            return this;
        }

        /** The TLS listener accepts TCP but never answers the ClientHello, to test handshake timeouts. */
        public Builder silentTls() {
            return tlsBehaviour(TlsPort.Behaviour.SILENT);
        }

        Builder tlsBehaviour(TlsPort.Behaviour behaviour) {
            this.tlsBehaviour = behaviour;
            return this;
        }

        /** The only cipher suites the TLS listener accepts; the context's defaults unless set. */
        public Builder cipherSuites(String... suites) {
            this.cipherSuites = suites.clone();
            return this;
        }

        /** The TLS versions the TLS listener accepts; TLSv1.3 and TLSv1.2 unless set. */
        public Builder tlsProtocols(String... protocols) {
            this.tlsProtocols = protocols.clone();
            return this;
        }

        /** The ALPN protocols the TLS listener offers, in its order of preference; none unless set. */
        public Builder alpn(String... protocols) {
            this.alpn = protocols.clone();
            return this;
        }

        /** The TLS listener refuses clients without a certificate its context trusts (mutual TLS). */
        public Builder requireClientCertificate() {
            this.requireClientCertificate = true;
            return this;
        }

        /** The TLS listener's page is {@code length} bytes long instead of the seed's, to keep a load run light. */
        public Builder pageLength(int length) {
            this.pageLength = length;
            return this;
        }

        public StandInServer start() throws IOException {
            return new StandInServer(this);
        }
    }
}
