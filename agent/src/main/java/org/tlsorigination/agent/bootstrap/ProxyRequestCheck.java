package org.tlsorigination.agent.bootstrap;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;

/**
 * The output of a plain socket that no rule originates, for a client no family knows that may be talking to an HTTP
 * proxy: a request line in absolute form ({@code GET http://host/...}) is what a client writes only to a proxy, so
 * the first line is held until it is known, and one for a host the rules originate is refused before a byte of it
 * leaves. Anything else passes at once: as soon as the first bytes cannot begin such a line (a TLS record, an
 * origin-form request, any other protocol), the stream writes straight through.
 */
final class ProxyRequestCheck extends FilterOutputStream {
    private static final int MAX_LINE = 8 * 1024;
    private static final byte[] SCHEME = "http://".getBytes(StandardCharsets.US_ASCII);

    private final InetSocketAddress proxy;
    private ByteArrayOutputStream held = new ByteArrayOutputStream();
    private int methodLength = -1;
    private IOException refusal;

    ProxyRequestCheck(OutputStream out, InetSocketAddress proxy) {
        super(out);
        this.proxy = proxy;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        if (held == null) {
            out.write(bytes, offset, length);
            return;
        }
        if (refusal != null) {
            throw refusal;
        }
        for (int i = offset; i < offset + length; i++) {
            held.write(bytes[i]);
            if (decided(bytes[i])) {
                byte[] line = held.toByteArray();
                held = null;
                out.write(line);
                out.write(bytes, i + 1, offset + length - i - 1);
                return;
            }
        }
    }

    /** Whether the held bytes may now pass: they cannot begin a proxy request, or their line may go to the proxy. */
    private boolean decided(byte b) throws IOException {
        int position = held.size() - 1;
        if (methodLength < 0) {
            if (b == ' ' && position > 0) {
                methodLength = position;
                return false;
            }
            return b < 'A' || b > 'Z' || position >= 16;
        }
        int schemeIndex = position - methodLength - 1;
        if (schemeIndex < SCHEME.length) {
            return Character.toLowerCase(b) != SCHEME[schemeIndex];
        }
        if (b == '\n' || held.size() >= MAX_LINE) {
            try {
                check(held.toString(StandardCharsets.US_ASCII).trim());
            } catch (IOException e) {
                refusal = e;
                throw e;
            }
            return true;
        }
        return false;
    }

    private void check(String line) throws IOException {
        String[] parts = line.split(" ");
        if (parts.length < 2) {
            return;
        }
        URI target;
        try {
            target = new URI(parts[1]);
        } catch (URISyntaxException e) {
            return;
        }
        if (target.getHost() != null) {
            Origination.routeVia("http", target.getHost(), target.getPort(), proxy.getHostString(), proxy.getPort());
        }
    }

    @Override
    public void flush() throws IOException {
        if (held == null) {
            out.flush();
        }
    }
}
