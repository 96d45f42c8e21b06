package org.tlsorigination.testapps.harness;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/** A bare HTTP/1.1 client on one socket to 127.0.0.1, so tests see exactly what the stand-in sends. */
final class LoopbackClient implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private LoopbackClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    static LoopbackClient plain(int port) throws IOException {
        return new LoopbackClient(new Socket("127.0.0.1", port));
    }

    /** Connects to 127.0.0.1 but handshakes as if to {@code host}: SNI and hostname check included. */
    static LoopbackClient tls(SSLContext context, String host, int port, int timeoutMillis) throws IOException {
        Socket tcp = new Socket("127.0.0.1", port);
        tcp.setSoTimeout(timeoutMillis);
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(tcp, host, port, true);
        SSLParameters parameters = tls.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        tls.setSSLParameters(parameters);
        try {
            tls.startHandshake();
        } catch (IOException e) {
            tls.close();
            throw e;
        }
        return new LoopbackClient(tls);
    }

    Response get(String path, String host) throws IOException {
        out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String statusLine = readLine();
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = readLine(); !line.isEmpty(); line = readLine()) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon), line.substring(colon + 1).trim());
        }
        byte[] body = in.readNBytes(Integer.parseInt(headers.get("Content-Length")));
        return new Response(statusLine, headers, body);
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed mid-response");
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    static final class Response {
        final String statusLine;
        final Map<String, String> headers;
        final byte[] body;

        Response(String statusLine, Map<String, String> headers, byte[] body) {
            this.statusLine = statusLine;
            this.headers = headers;
            this.body = body;
        }
    }
}
