package org.tlsorigination.testapps.harness;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay on 127.0.0.1 in front of a server, keeping every byte each client sent, so a test can check what
 * crossed the wire to that server: the request lines a proxy was sent, and that nothing else was in plain text.
 */
final class RecordingRelay implements AutoCloseable {
    private final ServerSocket listener;
    private final InetSocketAddress server;
    private final List<ByteArrayOutputStream> received = new CopyOnWriteArrayList<>();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    private RecordingRelay(ServerSocket listener, InetSocketAddress server) {
        this.listener = listener;
        this.server = server;
    }

    static RecordingRelay start(InetSocketAddress server) throws IOException {
        RecordingRelay relay = new RecordingRelay(new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1")), server);
        Streams.daemon(relay::accept, "recording relay");
        return relay;
    }

    int port() {
        return listener.getLocalPort();
    }

    /** What each client connection sent, in Latin-1 so that every byte stays one character. */
    List<String> received() {
        List<String> texts = new ArrayList<>();
        for (ByteArrayOutputStream bytes : received) {
            synchronized (bytes) {
                texts.add(bytes.toString(StandardCharsets.ISO_8859_1));
            }
        }
        return texts;
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket upstream = new Socket();
                upstream.connect(server, 5_000);
                open.add(client);
                open.add(upstream);
                ByteArrayOutputStream record = new ByteArrayOutputStream();
                received.add(record);
                Streams.daemon(() -> Streams.copy(client, upstream, record), "recording relay upstream");
                Streams.daemon(() -> Streams.copy(upstream, client, null), "recording relay downstream");
            } catch (IOException e) {
                // the listener closed, or the server refused one client: the test sees what was recorded
            }
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket socket : open) {
            Streams.closeQuietly(socket);
        }
    }
}
