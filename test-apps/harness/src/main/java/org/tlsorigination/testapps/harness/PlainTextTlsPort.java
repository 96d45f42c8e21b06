package org.tlsorigination.testapps.harness;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A port on 127.0.0.1 where TLS is expected but plain HTTP is spoken, as on a misconfigured origin: whatever a client
 * sends first is answered with a plain {@code 400 Bad Request}, as nginx answers a ClientHello on its http port, and
 * every byte received is kept, so a test can check that no request reached it.
 */
public final class PlainTextTlsPort implements AutoCloseable {
    private static final byte[] BAD_REQUEST = ("HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\n"
            + "Content-Length: 12\r\nConnection: close\r\n\r\nplain text\r\n").getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket listener;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private int connections;

    public PlainTextTlsPort() throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        Thread thread = new Thread(this::serve, "plain text on a TLS port");
        thread.setDaemon(true);
        thread.start();
    }

    public int port() {
        return listener.getLocalPort();
    }

    public synchronized int connections() {
        return connections;
    }

    /** Every byte received, all connections together, in Latin-1 so that every byte stays one character. */
    public synchronized String received() {
        return received.toString(StandardCharsets.ISO_8859_1);
    }

    /** One client at a time: each is answered at once and closed, so none can hold the port. */
    private void serve() {
        byte[] buffer = new byte[16 * 1024];
        while (!listener.isClosed()) {
            try (Socket client = listener.accept()) {
                synchronized (this) {
                    connections++;
                }
                client.setSoTimeout(5_000);
                InputStream in = client.getInputStream();
                int n = in.read(buffer);
                synchronized (this) {
                    received.write(buffer, 0, Math.max(n, 0));
                }
                OutputStream out = client.getOutputStream();
                out.write(BAD_REQUEST);
                out.flush();
            } catch (IOException e) {
                // the listener closed, or the client left: what it sent is kept
            }
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
