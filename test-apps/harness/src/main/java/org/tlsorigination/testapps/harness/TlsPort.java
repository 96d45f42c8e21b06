package org.tlsorigination.testapps.harness;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * The stand-in's TLS port: what it does with a connection, and the TLS it speaks when it answers. It reads the first
 * bytes itself, so bytes that do not open a TLS record (plain text sent to the TLS port) are seen and counted rather
 * than dropped by a failed handshake.
 */
final class TlsPort {
    private static final int RECORD_HEADER_LENGTH = 5;
    private static final int DRAIN_MILLIS = 1_000;

    /** What the TLS port does with a connection. */
    enum Behaviour {
        /** Completes the handshake and answers with the page. */
        ANSWERS,
        /** Accepts TCP and never reads the ClientHello. */
        SILENT,
        /** Reads the start of the ClientHello, then resets the connection. */
        RESETS_THE_HANDSHAKE,
        /** Is a plain HTTP server: a ClientHello gets a plain {@code 400}, a plain request the page. */
        SPEAKS_PLAIN_HTTP,
        /** Completes the handshake, then reads what the client sends and never answers, as a stalled origin would. */
        NEVER_ANSWERS
    }

    private final SSLContext context;
    private final Behaviour behaviour;
    private final String[] protocols;
    private final String[] cipherSuites;
    private final String[] alpn;
    private final boolean requireClientCertificate;

    TlsPort(SSLContext context, Behaviour behaviour, String[] protocols, String[] cipherSuites, String[] alpn,
            boolean requireClientCertificate) {
        this.context = context;
        this.behaviour = behaviour;
        this.protocols = protocols;
        this.cipherSuites = cipherSuites;
        this.alpn = alpn;
        this.requireClientCertificate = requireClientCertificate;
    }

    Behaviour behaviour() {
        return behaviour;
    }

    /**
     * Does with a new connection what the behaviour says: returns the TLS socket once its handshake completed, or the
     * plain text that arrived instead of a ClientHello (counted in {@code nonTlsBytes}), or null when it is done.
     */
    Object receive(Socket raw, AtomicLong nonTlsBytes) throws IOException {
        byte[] first = firstBytes(raw.getInputStream());
        if (!opensATlsRecord(first, 0)) {
            return new CountingInputStream(new SequenceInputStream(new ByteArrayInputStream(first),
                    raw.getInputStream()), nonTlsBytes);
        }
        if (behaviour == Behaviour.RESETS_THE_HANDSHAKE) {
            raw.setSoLinger(true, 0);
            return null;
        }
        if (behaviour == Behaviour.SPEAKS_PLAIN_HTTP) {
            StandInResponse.badRequest(raw.getOutputStream());
            return null;
        }
        SSLSocket tls = layer(raw, first);
        try {
            tls.startHandshake();
            if ("NONE".equals(tls.getSession().getProtocol())) {
                throw new SSLHandshakeException("the client closed the connection before the handshake completed");
            }
        } catch (IOException e) {
            nonTlsBytes.addAndGet(plainBytesAfterAFailedHandshake(raw));
            throw e;
        }
        if (behaviour == Behaviour.NEVER_ANSWERS) {
            tls.getInputStream().transferTo(OutputStream.nullOutputStream());
            return null;
        }
        return tls;
    }

    /** Up to a TLS record header's worth of the client's first bytes; fewer only if it closed before. */
    private static byte[] firstBytes(InputStream in) throws IOException {
        byte[] first = new byte[RECORD_HEADER_LENGTH];
        int length = 0;
        for (int n = 0; length < first.length; length += n) {
            n = in.read(first, length, first.length - length);
            if (n < 0) {
                break;
            }
        }
        return Arrays.copyOf(first, length);
    }

    /** A TLS record starts with a content type from 20 (change_cipher_spec) to 24 (heartbeat) and major version 3. */
    private static boolean opensATlsRecord(byte[] bytes, int offset) {
        return bytes.length - offset >= 2 && bytes[offset] >= 20 && bytes[offset] <= 24 && bytes[offset + 1] == 3;
    }

    /** The TLS server layered on {@code raw}, which already gave up {@code consumed}; it leaves {@code raw} open. */
    private SSLSocket layer(Socket raw, byte[] consumed) throws IOException {
        SSLSocket tls = (SSLSocket) context.getSocketFactory()
                .createSocket(raw, new ByteArrayInputStream(consumed), false);
        tls.setEnabledProtocols(protocols);
        if (cipherSuites != null) {
            tls.setEnabledCipherSuites(cipherSuites);
        }
        SSLParameters parameters = tls.getSSLParameters();
        parameters.setApplicationProtocols(alpn);
        parameters.setNeedClientAuth(requireClientCertificate);
        tls.setSSLParameters(parameters);
        return tls;
    }

    /**
     * What the client still sends after a failed handshake, read for a moment: the bytes that are not inside a
     * well-formed TLS record (an alert is one), so plain text written after the failure is counted.
     */
    private static long plainBytesAfterAFailedHandshake(Socket raw) {
        ByteArrayOutputStream rest = new ByteArrayOutputStream();
        try {
            raw.setSoTimeout(DRAIN_MILLIS);
            InputStream in = raw.getInputStream();
            byte[] buffer = new byte[4096];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                rest.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            // the client neither closed nor sent more: what came is all there is
        } catch (IOException e) {
            // reset or closed: what came is all there is
        }
        return bytesOutsideTlsRecords(rest.toByteArray());
    }

    private static long bytesOutsideTlsRecords(byte[] bytes) {
        int offset = 0;
        while (offset + RECORD_HEADER_LENGTH <= bytes.length && opensATlsRecord(bytes, offset)) {
            offset += RECORD_HEADER_LENGTH + ((bytes[offset + 3] & 0xff) << 8 | bytes[offset + 4] & 0xff);
        }
        return Math.max(0, bytes.length - offset);
    }
}
