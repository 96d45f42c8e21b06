package org.tlsorigination.agent.bootstrap;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The first bytes a client writes on a plain socket, judged as they come: a request in absolute form
 * ({@code GET http://host/...}) is what a client writes only to an HTTP proxy, so its head is held until it ends;
 * anything else (a TLS record, an origin-form request, another protocol) is known not to be one within its first
 * bytes.
 */
final class ProxyRequestHead {
    static final int MAX_BYTES = 64 * 1024;
    private static final byte[] SCHEME = "http://".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_METHOD = 16;

    enum Verdict { UNDECIDED, NOT_A_PROXY_REQUEST, COMPLETE }

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private int methodLength = -1;
    private int ended;

    Verdict add(byte b) {
        bytes.write(b);
        int position = bytes.size() - 1;
        if (methodLength < 0) {
            if (b == ' ' && position > 0) {
                methodLength = position;
                return Verdict.UNDECIDED;
            }
            return b >= 'A' && b <= 'Z' && position < MAX_METHOD ? Verdict.UNDECIDED : Verdict.NOT_A_PROXY_REQUEST;
        }
        int schemeIndex = position - methodLength - 1;
        if (schemeIndex < SCHEME.length) {
            return Character.toLowerCase(b) == SCHEME[schemeIndex] ? Verdict.UNDECIDED : Verdict.NOT_A_PROXY_REQUEST;
        }
        ended = b == (ended % 2 == 0 ? '\r' : '\n') ? ended + 1 : b == '\r' ? 1 : 0;
        return ended == 4 || bytes.size() >= MAX_BYTES ? Verdict.COMPLETE : Verdict.UNDECIDED;
    }

    byte[] bytes() {
        return bytes.toByteArray();
    }

    /** The request's target, or null when the first line does not name one. */
    URI target() {
        String[] requestLine = firstLine().split(" ");
        try {
            return requestLine.length < 2 ? null : new URI(requestLine[1]);
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** A header's value, or null. */
    String header(String name) {
        return ProxyTunnel.header(text(), name);
    }

    /**
     * The head for the origin, in a tunnel: the target in origin form, no header meant for the proxy, and
     * {@code Connection: close}, so that the client takes a new connection, and so a new tunnel, for its next request.
     */
    byte[] forOrigin() {
        URI target = target();
        String path = target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath();
        String[] requestLine = firstLine().split(" ");
        StringBuilder head = new StringBuilder(requestLine[0]).append(' ')
                .append(target.getRawQuery() == null ? path : path + "?" + target.getRawQuery())
                .append(requestLine.length > 2 ? " " + requestLine[2] : "").append("\r\n");
        String[] lines = text().split("\r\n");
        for (int i = 1; i < lines.length; i++) {
            String name = lines[i].contains(":") ? lines[i].substring(0, lines[i].indexOf(':')).trim()
                    .toLowerCase(Locale.ROOT) : "";
            if (!name.isEmpty() && !name.startsWith("proxy-") && !name.equals("connection")
                    && !name.equals("keep-alive")) {
                head.append(lines[i]).append("\r\n");
            }
        }
        return head.append("Connection: close\r\n\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private String firstLine() {
        String text = text();
        int end = text.indexOf("\r\n");
        return end < 0 ? text : text.substring(0, end);
    }

    private String text() {
        return bytes.toString(StandardCharsets.ISO_8859_1);
    }
}
