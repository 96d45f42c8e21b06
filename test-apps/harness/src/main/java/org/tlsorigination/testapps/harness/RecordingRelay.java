package org.tlsorigination.testapps.harness;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
        daemon(relay::accept, "recording relay");
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
                daemon(() -> copy(client, upstream, record), "recording relay upstream");
                daemon(() -> copy(upstream, client, null), "recording relay downstream");
            } catch (IOException e) {
                // the listener closed, or the server refused one client: the test sees what was recorded
            }
        }
    }

    private void copy(Socket from, Socket to, ByteArrayOutputStream record) {
        byte[] buffer = new byte[8192];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                if (record != null) {
                    synchronized (record) {
                        record.write(buffer, 0, n);
                    }
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side closed; closing both ends the other copy too
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket socket : open) {
            closeQuietly(socket);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    private static void daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }
}
