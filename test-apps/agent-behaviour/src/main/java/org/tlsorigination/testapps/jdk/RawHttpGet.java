package org.tlsorigination.testapps.jdk;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A hand-written HTTP client of the kind no agent knows: it writes {@code GET} on a bare socket, half-closes it and
 * prints the status line, twice to HOST PORT, or once to each URL. {@code --nio} uses a {@code SocketChannel} instead
 * of a {@code Socket}; {@code --connect-timeout MILLIS} connects an unconnected socket within that time.
 * Usage: {@code RawHttpGet [--nio | --connect-timeout MILLIS] HOST PORT | URL...}
 */
public final class RawHttpGet {

    private RawHttpGet() {
    }

    public static void main(String[] args) {
        boolean nio = args[0].equals("--nio");
        int connectTimeout = args[0].equals("--connect-timeout") ? Integer.parseInt(args[1]) : -1;
        int first = nio ? 1 : connectTimeout >= 0 ? 2 : 0;
        List<URI> targets = new ArrayList<>();
        if (args[first].startsWith("http://")) {
            for (int i = first; i < args.length; i++) {
                targets.add(URI.create(args[i]));
            }
        } else {
            URI target = URI.create("http://" + args[first] + ":" + args[first + 1] + "/politics");
            targets.addAll(List.of(target, target));
        }
        for (URI target : targets) {
            String request = "GET " + target.getRawPath() + " HTTP/1.1\r\nHost: " + target.getRawAuthority()
                    + "\r\nConnection: close\r\n\r\n";
            long start = System.nanoTime();
            try {
                System.out.println(nio ? overChannel(target.getHost(), target.getPort(), request)
                        : overSocket(target.getHost(), target.getPort(), connectTimeout, request));
            } catch (IOException e) {
                System.err.println("error after " + (System.nanoTime() - start) / 1_000_000 + " ms: " + e);
            }
        }
    }

    private static String overSocket(String host, int port, int connectTimeout, String request) throws IOException {
        try (Socket socket = connectTimeout < 0 ? new Socket(host, port) : new Socket()) {
            if (connectTimeout >= 0) {
                socket.connect(new InetSocketAddress(host, port), connectTimeout);
            }
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            socket.shutdownOutput();
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
        }
    }

    private static String overChannel(String host, int port, String request) throws IOException {
        try (SocketChannel channel = SocketChannel.open(new InetSocketAddress(host, port))) {
            channel.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
            ByteBuffer response = ByteBuffer.allocate(64);
            channel.read(response);
            String head = new String(response.array(), 0, response.position(), StandardCharsets.US_ASCII);
            return head.contains("\r\n") ? head.substring(0, head.indexOf("\r\n")) : head;
        }
    }
}
