package org.tlsorigination.testapps.harness;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;

/** Reads HTTP/1.1 request heads off one connection, skipping any request body. */
final class RequestHeadReader {

    private static final int MAX_LINE_BYTES = 8 * 1024;
    private static final int MAX_HEADER_LINES = 100;

    private final InputStream in;

    RequestHeadReader(InputStream in) {
        this.in = in;
    }

    /** The next request's head, or null when the client closed the connection between requests. */
    RequestHead next() throws IOException {
        String requestLine = readLine();
        if (requestLine == null) {
            return null;
        }
        StringBuilder text = new StringBuilder(requestLine).append("\r\n");
        String[] parts = requestLine.split(" ");
        if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
            throw new ProtocolException("not an HTTP/1.x request line: " + requestLine);
        }
        String host = null;
        String upgrade = null;
        boolean closeRequested = parts[2].equals("HTTP/1.0");
        long contentLength = 0;
        for (int lines = 0; ; lines++) {
            String line = readLine();
            if (line == null || lines == MAX_HEADER_LINES) {
                throw new ProtocolException("request head ended early or is too long");
            }
            if (line.isEmpty()) {
                break;
            }
            text.append(line).append("\r\n");
            int colon = line.indexOf(':');
            String name = colon < 0 ? line : line.substring(0, colon).trim();
            String value = colon < 0 ? "" : line.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Host")) {
                host = value;
            } else if (name.equalsIgnoreCase("Upgrade")) {
                upgrade = value;
            } else if (name.equalsIgnoreCase("Connection")) {
                closeRequested = value.equalsIgnoreCase("close");
            } else if (name.equalsIgnoreCase("Content-Length")) {
                contentLength = Long.parseLong(value);
            } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                throw new ProtocolException("the stand-in does not read chunked request bodies");
            }
        }
        skipBody(contentLength);
        return new RequestHead(parts[0], parts[1], host, upgrade, closeRequested, text.toString());
    }

    private void skipBody(long length) throws IOException {
        for (long remaining = length; remaining > 0; remaining--) {
            if (in.read() < 0) {
                throw new ProtocolException("connection closed mid-body");
            }
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                if (line.size() == 0) {
                    return null;
                }
                throw new ProtocolException("connection closed mid-line");
            }
            if (line.size() == MAX_LINE_BYTES) {
                throw new ProtocolException("request line or header longer than " + MAX_LINE_BYTES + " bytes");
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    static final class RequestHead {
        final String method;
        final String path;
        final String host;
        final String upgrade;
        final boolean closeRequested;
        final String text;

        private RequestHead(String method, String path, String host, String upgrade, boolean closeRequested,
                            String text) {
            this.method = method;
            this.path = path;
            this.host = host;
            this.upgrade = upgrade;
            this.closeRequested = closeRequested;
            this.text = text;
        }
    }
}
