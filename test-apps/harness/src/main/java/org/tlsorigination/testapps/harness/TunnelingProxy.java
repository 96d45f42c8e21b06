package org.tlsorigination.testapps.harness;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A forward proxy on loopback that serves CONNECT only, for one client connection: it records the request line
 * it was sent, opens the tunnel to that port on loopback and relays bytes both ways until either side closes.
 */
public final class TunnelingProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final List<String> requestLines = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();

    public TunnelingProxy() throws IOException {
        listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread accepting = new Thread(this::serveOne, "tunneling proxy");
        accepting.setDaemon(true);
        accepting.start();
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Client connections the proxy accepted, whether or not they sent anything. */
    public int connections() {
        return connections.get();
    }

    /** The first line of each request the proxy received, as it arrived. */
    public List<String> requestLines() {
        return requestLines;
    }

    private void serveOne() {
        try (Socket client = listener.accept()) {
            connections.incrementAndGet();
            String head = readHead(client.getInputStream());
            String requestLine = head.substring(0, head.indexOf("\r\n"));
            requestLines.add(requestLine);
            if (!requestLine.startsWith("CONNECT ")) {
                return;
            }
            String authority = requestLine.split(" ")[1];
            int port = Integer.parseInt(authority.substring(authority.lastIndexOf(':') + 1));
            try (Socket server = new Socket(InetAddress.getLoopbackAddress(), port)) {
                client.getOutputStream().write("HTTP/1.1 200 Connection established\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                Thread upstream = relay(client.getInputStream(), server.getOutputStream());
                relay(server.getInputStream(), client.getOutputStream()).join();
                upstream.join();
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            // the test sees what the proxy recorded
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the client closed before its request head ended");
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    private static Thread relay(InputStream from, OutputStream to) {
        Thread relay = new Thread(() -> {
            try {
                from.transferTo(to);
                to.close();
            } catch (IOException e) {
                // one side closed; the other relay ends with it
            }
        }, "tunneling proxy relay");
        relay.setDaemon(true);
        relay.start();
        return relay;
    }

    @Override
    public String toString() {
        return "TunnelingProxy[127.0.0.1:" + port() + "]: " + connections() + " connection(s), requests "
                + requestLines;
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
