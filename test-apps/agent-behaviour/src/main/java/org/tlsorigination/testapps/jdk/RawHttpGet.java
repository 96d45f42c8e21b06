package org.tlsorigination.testapps.jdk;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * A hand-written HTTP client of the kind no agent knows: it writes {@code GET} on a bare socket and prints the
 * status line. {@code --nio} uses a {@code SocketChannel} instead of a {@code Socket}.
 */
public final class RawHttpGet {

    private RawHttpGet() {
    }

    public static void main(String[] args) {
        boolean nio = args[0].equals("--nio");
        String host = args[nio ? 1 : 0];
        int port = Integer.parseInt(args[nio ? 2 : 1]);
        String request = "GET /politics HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nConnection: close\r\n\r\n";
        for (int attempt = 1; attempt <= 2; attempt++) {
            try {
                System.out.println(nio ? overChannel(host, port, request) : overSocket(host, port, request));
            } catch (IOException e) {
                System.err.println("error: " + e);
            }
        }
    }

    private static String overSocket(String host, int port, String request) throws IOException {
        try (Socket socket = new Socket(host, port)) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
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
