package org.tlsorigination.testapps.jdk;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Hand-written protocol code on a bare {@code java.net.Socket}, using what the socket promises: each step runs on a
 * connection of its own to HOST and prints one line, {@code <step>: <what happened>}.
 *
 * <pre>
 * SocketSession [--socks-proxy PROXYHOST:PROXYPORT] HOST STEP:PORT...
 * </pre>
 *
 * With {@code --socks-proxy} each socket is {@code new Socket(new Proxy(SOCKS, proxy))}, connected to HOST unresolved,
 * so that the proxy resolves it.
 * {@code close}: a keep-alive {@code GET /close}, its response read by its length, then {@code close()}.
 * {@code shutdown-output}: {@code GET /shutdown-output}, {@code shutdownOutput()}, then the response read to the end
 * of the stream. {@code read-timeout}: a 300 ms {@code SO_TIMEOUT}, a read before any request, which times out, then
 * {@code GET /read-timeout} on the same socket. {@code layered}: TLS of its own,
 * {@code SSLSocketFactory.getDefault().createSocket(plain, HOST, PORT, true)}, then {@code GET /layered}.
 */
public final class SocketSession {

    private SocketSession() {
    }

    public static void main(String[] args) {
        Proxy socks = args[0].equals("--socks-proxy") ? new Proxy(Proxy.Type.SOCKS, proxy(args[1])) : null;
        int first = socks == null ? 0 : 2;
        String host = args[first];
        for (int i = first + 1; i < args.length; i++) {
            String step = args[i].substring(0, args[i].indexOf(':'));
            int port = Integer.parseInt(args[i].substring(args[i].indexOf(':') + 1));
            try (Socket socket = socks == null ? new Socket(host, port) : new Socket(socks)) {
                if (socks != null) {
                    socket.connect(InetSocketAddress.createUnresolved(host, port));
                }
                System.out.println(step + ": " + run(step, socket, host, port));
            } catch (IOException e) {
                System.out.println(step + ": error: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
    }

    private static InetSocketAddress proxy(String hostAndPort) {
        int colon = hostAndPort.lastIndexOf(':');
        return new InetSocketAddress(hostAndPort.substring(0, colon),
                Integer.parseInt(hostAndPort.substring(colon + 1)));
    }

    private static String run(String step, Socket socket, String host, int port) throws IOException {
        switch (step) {
            case "close":
                return exchange(socket, host, "/close");
            case "shutdown-output":
                write(socket.getOutputStream(), host, "/shutdown-output");
                socket.shutdownOutput();
                String response = response(socket.getInputStream());
                return response + (socket.getInputStream().read() < 0 ? ", then the end of the stream" : ", then more");
            case "read-timeout":
                socket.setSoTimeout(300);
                long start = System.nanoTime();
                try {
                    return "read " + socket.getInputStream().read() + " before any request";
                } catch (SocketTimeoutException e) {
                    long waited = (System.nanoTime() - start) / 1_000_000;
                    socket.setSoTimeout(10_000);
                    return "timed out after " + waited + " ms, then " + exchange(socket, host, "/read-timeout");
                }
            case "layered":
                try (SSLSocket tls = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
                        .createSocket(socket, host, port, true)) {
                    return exchange(tls, host, "/layered") + " over " + tls.getSession().getProtocol();
                }
            default:
                throw new IllegalArgumentException("unknown step " + step);
        }
    }

    static String exchange(Socket socket, String host, String path) throws IOException {
        write(socket.getOutputStream(), host, path);
        return response(socket.getInputStream());
    }

    private static void write(OutputStream out, String host, String path) throws IOException {
        out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** The status line and the body's length, read by its Content-Length. */
    private static String response(InputStream in) throws IOException {
        String status = line(in);
        int length = 0;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            if (header.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                length = Integer.parseInt(header.substring(15).trim());
            }
        }
        in.readNBytes(length);
        return status + ", " + length + " bytes";
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("the connection closed mid-line");
            }
            line.write(b);
        }
        return line.toString(StandardCharsets.US_ASCII).trim();
    }
}
